package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-request corpus ({@value #CORPUS}, one JSON case per line) against the packaged jar on
 * the memory and the file store, over raw sockets so that every byte is as written. Each case says
 * what it may get ({@code expect}):
 *
 * <ul>
 *   <li>{@code json4xx}: a 4xx with the JSON error body, its {@code code} the status;
 *   <li>{@code any4xx}: a 4xx, with or without the JSON body;
 *   <li>{@code framing}: Vert.x's own answer to a request it cannot parse: a bare 4xx, or the
 *       connection closed without one;
 *   <li>{@code any}: anything but a 5xx (a request that is odd but well-formed);
 *   <li>{@code noanswer}: a request the client abandons half-sent; it is sent and dropped.
 * </ul>
 *
 * Never a 5xx, the process stays up, and afterwards the book reads back exactly as it was seeded
 * (on the file store, also after a restart).
 */
class FuzzIT {
  static final String CORPUS = "fuzz/requests.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPEAT = Pattern.compile("\\{REPEAT:(.):(\\d+)\\}");
  private static final List<String> SEEDS =
      List.of(
          "{\"full_name\": \"Ada Lovelace\", \"emails\": [{\"kind\": \"home\","
              + " \"email\": \"ada@engine.example\"}]}",
          "{\"full_name\": \"Zoë 山田 🌍\", \"addresses\": [{\"kind\": \"work\", \"street_number\":"
              + " 1e3, \"street_name\": \"Rue\", \"pincode\": \"0110\", \"country\": \"FR\"}],"
              + " \"phone_numbers\": [{\"kind\": \"home\", \"country_code\": 33, \"local_number\":"
              + " 0.000000000001}]}");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @TempDir Path work;

  /** One answer on the wire: the status (0 when the connection closed without one) and body. */
  record Answer(int status, String head, String body) {}

  @Test
  void memoryStore() throws Exception {
    run(List.of("-Daddrservice.store.kind=memory"), false);
  }

  @Test
  void fileStore() throws Exception {
    run(
        List.of(
            "-Daddrservice.store.kind=file",
            "-Daddrservice.store.file.dir=" + work.resolve("data")),
        true);
  }

  private void run(List<String> options, boolean restart) throws Exception {
    List<JsonNode> corpus = corpus();
    assertTrue(corpus.size() >= 250, "the corpus has " + corpus.size() + " cases");
    Map<String, String> seeded = new LinkedHashMap<>();
    try (PackagedApp app = PackagedApp.start(options, work, work.resolve("app.log"))) {
      app.awaitReady(http);
      for (String seed : SEEDS) {
        Answer created = send(app, request("POST", "/addresses", List.of(), seed));
        assertEquals(201, created.status(), created.head());
        String id = header(created.head(), "location").substring("/addresses/".length());
        seeded.put(id, send(app, request("GET", "/addresses/" + id, List.of(), null)).body());
      }
      String target = seeded.keySet().iterator().next();
      List<String> failures = new ArrayList<>();
      for (JsonNode fuzz : corpus) {
        String verdict = check(app, fuzz, target);
        if (verdict != null) {
          failures.add(
              fuzz.get("id").asText() + " (" + fuzz.get("what").asText() + "): " + verdict);
        }
      }
      assertTrue(
          failures.isEmpty(),
          failures.size()
              + " cases failed:\n"
              + String.join("\n", failures)
              + "\n"
              + app.logTail());
      assertReadsBack(app, seeded);
    }
    if (restart) {
      try (PackagedApp again = PackagedApp.start(options, work, work.resolve("again.log"))) {
        again.awaitReady(http);
        assertReadsBack(again, seeded);
      }
    }
  }

  private static List<JsonNode> corpus() throws IOException {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(CORPUS)) {
      List<JsonNode> cases = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          cases.add(JSON.readTree(line));
        }
      }
      return cases;
    }
  }

  /** Null when the answer is what the case allows, else what was wrong. */
  private String check(PackagedApp app, JsonNode fuzz, String target) throws IOException {
    String expect = fuzz.get("expect").asText();
    byte[] request = bytes(fuzz, target, app);
    if (expect.equals("noanswer")) {
      try (Socket socket = new Socket("127.0.0.1", app.uri("/").getPort())) {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
      }
      return alive(app);
    }
    Answer answer = send(app, request);
    int status = answer.status();
    if (status >= 500) {
      return "answered " + answer.head().lines().findFirst().orElse("") + " " + answer.body();
    }
    boolean fourXx = status >= 400 && status < 500;
    String problem =
        switch (expect) {
          case "json4xx" -> fourXx ? jsonError(answer) : "expected a JSON 4xx, got " + status;
          case "any4xx" -> fourXx ? null : "expected a 4xx, got " + status;
          case "framing" ->
              fourXx || status == 0 ? null : "expected a framing answer, got " + status;
          case "any" -> null;
          default -> "unknown expectation " + expect;
        };
    return problem != null ? problem : alive(app);
  }

  private String alive(PackagedApp app) throws IOException {
    Answer ready = send(app, request("GET", "/q/health/live", List.of(), null));
    return ready.status() == 200 ? null : "the service stopped answering: " + ready.head();
  }

  private static String jsonError(Answer answer) {
    if (!header(answer.head(), "content-type").startsWith("application/json")) {
      return "no JSON error body: " + answer.head();
    }
    try {
      JsonNode body = JSON.readTree(answer.body());
      if (body.path("code").asInt() != answer.status() || !body.path("message").isTextual()) {
        return "not the error body: " + answer.body();
      }
      return null;
    } catch (IOException e) {
      return "unreadable body: " + answer.body();
    }
  }

  private static byte[] bytes(JsonNode fuzz, String target, PackagedApp app) {
    if (fuzz.has("raw")) {
      return expand(fuzz.get("raw").asText())
          .replace("{id}", target)
          .getBytes(StandardCharsets.ISO_8859_1);
    }
    List<String[]> headers = new ArrayList<>();
    fuzz.path("headers")
        .forEach(h -> headers.add(new String[] {h.get(0).asText(), h.get(1).asText()}));
    byte[] body =
        fuzz.has("bodyBase64")
            ? Base64.getDecoder().decode(fuzz.get("bodyBase64").asText())
            : fuzz.has("body")
                ? expand(fuzz.get("body").asText()).getBytes(StandardCharsets.UTF_8)
                : null;
    boolean length = !fuzz.path("noLength").asBoolean(false);
    return request(
        fuzz.get("method").asText(),
        fuzz.get("path").asText().replace("{id}", target),
        headers,
        body,
        length);
  }

  private static String expand(String text) {
    Matcher repeat = REPEAT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (repeat.find()) {
      repeat.appendReplacement(
          out, Matcher.quoteReplacement(repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))));
    }
    return repeat.appendTail(out).toString();
  }

  static byte[] request(String method, String path, List<String[]> headers, String body) {
    return request(
        method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), true);
  }

  private static byte[] request(
      String method, String path, List<String[]> headers, byte[] body, boolean length) {
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    if (body != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("content-type"))) {
      head.append("Content-Type: application/json\r\n");
    }
    for (String[] header : headers) {
      head.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    if (body != null && length) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** Sends on a new connection and reads the first answer, or notes that none came. */
  static Answer send(PackagedApp app, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", app.uri("/").getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer and close before the whole request is sent (413, 400).
      }
      return read(socket.getInputStream());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
      }
    } catch (SocketTimeoutException | java.net.SocketException closed) {
      // No (complete) answer: judged below by what arrived.
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.") || !text.endsWith("\r\n\r\n")) {
      return new Answer(0, text, "");
    }
    int status = Integer.parseInt(text.substring(9, 12));
    String body;
    try {
      if (header(text, "transfer-encoding").equalsIgnoreCase("chunked")) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        while (true) {
          String size = line(in);
          int n = Integer.parseInt(size.split(";")[0].trim(), 16);
          if (n == 0) {
            break;
          }
          chunks.writeBytes(in.readNBytes(n));
          line(in);
        }
        body = chunks.toString(StandardCharsets.UTF_8);
      } else {
        String length = header(text, "content-length");
        body =
            new String(
                in.readNBytes(length.isEmpty() ? 0 : Integer.parseInt(length)),
                StandardCharsets.UTF_8);
      }
    } catch (IOException cut) {
      body = "";
    }
    return new Answer(status, text, body);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  /** The book holds exactly the seeded entries, each as it was first read. */
  private void assertReadsBack(PackagedApp app, Map<String, String> seeded) throws IOException {
    Answer listing = send(app, request("GET", "/addresses?limit=1000", List.of(), null));
    assertEquals(200, listing.status(), listing.head());
    JsonNode all = JSON.readTree(listing.body());
    assertEquals(seeded.keySet(), iterable(all.fieldNames()), listing.body());
    for (Map.Entry<String, String> entry : seeded.entrySet()) {
      assertEquals(JSON.readTree(entry.getValue()), all.get(entry.getKey()));
      Answer one = send(app, request("GET", "/addresses/" + entry.getKey(), List.of(), null));
      assertEquals(200, one.status(), one.head());
      assertEquals(entry.getValue(), one.body());
    }
    Answer search = send(app, request("GET", "/addresses?q=ada", List.of(), null));
    assertEquals(200, search.status(), search.head());
    assertEquals(1, JSON.readTree(search.body()).size(), search.body());
  }

  private static java.util.Set<String> iterable(java.util.Iterator<String> names) {
    java.util.Set<String> set = new java.util.LinkedHashSet<>();
    names.forEachRemaining(set::add);
    return set;
  }
}

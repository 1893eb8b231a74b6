package io.addrservice.api.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP edges over raw sockets: framing, Host, empty headers, cross-origin writes. */
@QuarkusTest
class HttpEdgesTest {
  private static final String ENTRY = "{\"full_name\": \"Edge\"}";

  @TestHTTPResource("/")
  URI root;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @BeforeEach
  void empty() {
    Map<String, Object> page = given().get("/addresses?limit=1000").jsonPath().getMap("$");
    page.keySet().forEach(id -> given().delete("/addresses/" + id).then().statusCode(204));
  }

  /** A response as text: its head, its body, and whether the server closed the connection. */
  record Answer(String head, String body, boolean closed) {
    int status() {
      return Integer.parseInt(head.substring(9, 12));
    }

    boolean hasHeader(String name, String value) {
      return head.toLowerCase(Locale.ROOT)
          .contains("\r\n" + name.toLowerCase(Locale.ROOT) + ": " + value.toLowerCase(Locale.ROOT));
    }

    JsonPath json() {
      return JsonPath.from(body);
    }
  }

  /** Sends {@code request} on a new connection and reads one answer. */
  static Answer exchange(URI server, String request) throws IOException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private Answer exchange(String request) throws IOException {
    return exchange(root, request);
  }

  /** One answer from {@code in}: the head, a Content-Length body, then whether the peer closed. */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b;
      try {
        b = in.read();
      } catch (IOException reset) {
        b = -1;
      }
      if (b < 0) {
        return new Answer(head.toString(StandardCharsets.ISO_8859_1), "", true);
      }
      head.write(b);
    }
    String headText = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headText.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    boolean closed = headText.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
    if (closed) {
      try {
        closed = in.read() < 0;
      } catch (IOException reset) {
        closed = true;
      }
    }
    return new Answer(headText, new String(body, StandardCharsets.UTF_8), closed);
  }

  private static String post(String extraHeaders, String body) {
    return "POST /addresses HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + extraHeaders
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  static void assertErrorBody(Answer answer, int status, String message, String method) {
    assertTrue(
        answer.head().matches("(?s)HTTP/1\\.[01] " + status + " " + message + "\r\n.*"),
        answer.head());
    assertTrue(answer.hasHeader("content-type", "application/json"), answer.head());
    assertEquals(status, answer.json().getInt("code"), answer.body());
    assertEquals(message, answer.json().getString("message"), answer.body());
    assertEquals(method, answer.json().getString("method"), answer.body());
  }

  private static void assertBookEmpty() {
    given().get("/addresses").then().statusCode(200).body("size()", equalTo(0));
  }

  @Test
  void contentLengthWithTransferEncodingIs400AndClosesTheConnection() throws IOException {
    String chunked = Integer.toHexString(ENTRY.length()) + "\r\n" + ENTRY + "\r\n0\r\n\r\n";
    Answer answer =
        exchange(
            "POST /addresses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunked
                + "GET /addresses HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertErrorBody(answer, 400, "Content-Length with Transfer-Encoding", "POST");
    assertTrue(answer.hasHeader("connection", "close"), answer.head());
    assertTrue(answer.closed(), "the connection must be closed after the answer");
    assertBookEmpty();
  }

  @Test
  void aRequestSmuggledBehindBothLengthsNeverRuns() throws IOException {
    String location =
        given().contentType(ContentType.JSON).body(ENTRY).post("/addresses").header("Location");
    Answer answer =
        exchange(
            "POST /addresses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 50\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + "DELETE "
                + location
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    assertErrorBody(answer, 400, "Content-Length with Transfer-Encoding", "POST");
    assertTrue(answer.closed());
    given().get(location).then().statusCode(200);
  }

  @Test
  void contentLengthWithTransferEncodingIsRefusedOnHttp10Too() throws IOException {
    Answer answer =
        exchange(
            "POST /addresses HTTP/1.0\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n");
    assertErrorBody(answer, 400, "Content-Length with Transfer-Encoding", "POST");
    assertBookEmpty();
  }

  @Test
  void aMalformedChunkedBodyIsAnswered400NotReset() throws IOException {
    for (String body :
        new String[] {
          "zz\r\n{}\r\n0\r\n\r\n", "5\r\n{\"full_name\": \"x\"}\r\n0\r\n\r\n", "-1\r\n\r\n"
        }) {
      Answer answer =
          exchange(
              "POST /addresses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n"
                  + body);
      assertErrorBody(answer, 400, "Malformed chunked body", "POST");
      assertEquals("/addresses", answer.json().getString("uri"));
      assertTrue(answer.hasHeader("connection", "close"), answer.head());
      assertTrue(answer.closed());
    }
    assertBookEmpty();
  }

  @Test
  void aWellFormedChunkedBodyIsStillRead() throws IOException {
    String chunked = Integer.toHexString(ENTRY.length()) + "\r\n" + ENTRY + "\r\n0\r\n\r\n";
    Answer answer =
        exchange(
            "POST /addresses HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunked);
    assertEquals(201, answer.status(), answer.head());
  }

  @Test
  void anHttp11RequestWithoutHostGetsTheJson400() throws IOException {
    Answer answer = exchange("GET /addresses HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertErrorBody(answer, 400, "Missing or repeated Host header", "GET");
    Answer twice =
        exchange("GET /addresses HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n");
    assertErrorBody(twice, 400, "Missing or repeated Host header", "GET");
    // HTTP/1.0 has no Host requirement.
    assertEquals(200, exchange("GET /addresses HTTP/1.0\r\n\r\n").status());
  }

  @Test
  void anEmptyContentTypeIsReadAsAbsent() throws IOException {
    Answer answer = exchange(post("Content-Type: \r\n", ENTRY));
    assertEquals(201, answer.status(), answer.head() + answer.body());
    Answer bare = exchange(post("Content-Type:\r\n", ENTRY));
    assertEquals(201, bare.status(), bare.head() + bare.body());
  }

  @Test
  void emptyOrMalformedIfMatchIs400AndChangesNothing() throws IOException {
    String location =
        given().contentType(ContentType.JSON).body(ENTRY).post("/addresses").header("Location");
    for (String value : new String[] {"", " ", "1", "\"1\", *"}) {
      Answer put =
          exchange(
              "PUT "
                  + location
                  + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nIf-Match: "
                  + value
                  + "\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n"
                  + "{\"full_name\": \"Other\"}");
      assertErrorBody(put, 400, "Invalid request header", "PUT");
      assertEquals("If-Match", put.json().getString("errors[0].path"));
      Answer delete =
          exchange(
              "DELETE "
                  + location
                  + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nIf-Match: "
                  + value
                  + "\r\n\r\n");
      assertErrorBody(delete, 400, "Invalid request header", "DELETE");
      Answer get =
          exchange(
              "GET "
                  + location
                  + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nIf-None-Match: "
                  + value
                  + "\r\n\r\n");
      assertErrorBody(get, 400, "Invalid request header", "GET");
      assertEquals("If-None-Match", get.json().getString("errors[0].path"));
    }
    given().get(location).then().statusCode(200).body("full_name", equalTo("Edge"));
  }

  @Test
  void aWriteFromAnotherOriginIs403() throws IOException {
    for (String origin :
        new String[] {"http://evil.example", "null", "https://localhost", "http://localhost:1"}) {
      Answer answer =
          exchange(post("Origin: " + origin + "\r\nContent-Type: text/plain\r\n", ENTRY));
      assertErrorBody(answer, 403, "Cross-origin write refused", "POST");
    }
    assertBookEmpty();
    // The request's own origin, and no Origin at all (curl), may write.
    int port = root.getPort();
    assertEquals(
        201,
        exchange(
                "POST /addresses HTTP/1.1\r\nHost: localhost:"
                    + port
                    + "\r\nConnection: close\r\nOrigin: http://LOCALHOST:"
                    + port
                    + "\r\nContent-Length: 21\r\n\r\n"
                    + ENTRY)
            .status());
    assertEquals(201, exchange(post("", ENTRY)).status());
    // Reads from another origin are not writes: CORS decides what a browser may see of them.
    assertEquals(
        200,
        exchange(
                "GET /addresses HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Origin: http://evil.example\r\n\r\n")
            .status());
  }
}

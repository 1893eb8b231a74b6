package io.addrservice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A client that keeps a copy of a book (ids and versions) with the change feed, as a phone or a CRM
 * would: written from the documented contract alone (docs/sync.md), over plain HTTP, so that it
 * runs against the service in a test or against packaged instances.
 */
public final class SyncClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final Map<String, Long> copy = new HashMap<>();
  private String token;
  private int pages;

  public SyncClient(HttpClient http) {
    this.http = http;
  }

  /** The copy: each entry's id and version. */
  public Map<String, Long> copy() {
    return copy;
  }

  /** The token to continue from. */
  public String token() {
    return token;
  }

  /** How many pages were read. */
  public int pages() {
    return pages;
  }

  /** A full sync through {@code base}: every page from no token, following Link headers. */
  public void fullSync(URI base, int limit) {
    copy.clear();
    token = null;
    follow(base, base.resolve("/addresses/changes?limit=" + limit));
  }

  /** An incremental sync through {@code base} from the token of the last one. */
  public void sync(URI base, int limit) {
    follow(base, base.resolve("/addresses/changes?limit=" + limit + "&since=" + token));
  }

  private void follow(URI base, URI first) {
    URI next = first;
    while (next != null) {
      HttpResponse<String> page = send(HttpRequest.newBuilder(next).GET().build());
      assertEquals(200, page.statusCode(), page.body());
      JsonNode body = read(page.body());
      for (JsonNode change : body.get("changes")) {
        apply(copy, change);
      }
      token = body.get("next").asText();
      pages++;
      Optional<String> link = page.headers().firstValue("Link");
      next = link.map(value -> base.resolve(nextLink(value))).orElse(null);
      if (next != null) {
        assertTrue(next.toString().contains("since=" + token), link + " vs next " + token);
      }
    }
  }

  private static String nextLink(String header) {
    assertTrue(header.endsWith(">; rel=\"next\""), header);
    return header.substring(1, header.indexOf('>'));
  }

  /** Applies one change of the feed to a copy; a version never goes back. */
  static void apply(Map<String, Long> copy, JsonNode change) {
    String id = change.get("id").asText();
    long version = change.get("version").asLong();
    Long had = copy.get(id);
    assertTrue(had == null || had <= version, id + " went back from " + had + " to " + version);
    if (change.path("deleted").asBoolean(false)) {
      assertTrue(change.path("entry").isMissingNode(), change.toString());
      copy.remove(id);
    } else {
      assertTrue(change.get("entry").isObject(), change.toString());
      copy.put(id, version);
    }
  }

  /** The book as it is: every entry's id and version, from the NDJSON export. */
  public static Map<String, Long> book(HttpClient http, URI base) {
    HttpResponse<String> export =
        send(http, HttpRequest.newBuilder(base.resolve("/addresses/export")).GET().build());
    assertEquals(200, export.statusCode(), export.body());
    Map<String, Long> book = new HashMap<>();
    for (String line : export.body().split("\n")) {
      if (!line.isEmpty()) {
        JsonNode entry = read(line);
        book.put(entry.get("id").asText(), entry.get("version").asLong());
      }
    }
    return book;
  }

  private HttpResponse<String> send(HttpRequest request) {
    return send(http, request);
  }

  static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(
          HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits up to {@code timeout} for {@code condition}. */
  public static boolean await(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  /**
   * A copy kept by the event stream: connects, applies every {@code change} event, and can drop its
   * connection and reconnect with {@code Last-Event-ID} as an EventSource does.
   */
  public static final class EventStream implements AutoCloseable {
    private final HttpClient http;
    private final URI base;
    private final Map<String, Long> copy = new ConcurrentHashMap<>();
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private volatile String lastEventId;
    private volatile String lastEvent;
    private volatile Stream<String> lines;
    private volatile Thread reader;
    private volatile Throwable failure;
    private final String[] headers;

    /**
     * Connects through {@code base}, from {@code since} (null: a full sync first), sending {@code
     * headers} (names and values in turn) on every connection.
     */
    public EventStream(HttpClient http, URI base, String since, String... headers) {
      this.http = http;
      this.base = base;
      this.headers = headers;
      connect(since == null ? "" : "?since=" + since, null);
    }

    public Map<String, Long> copy() {
      return copy;
    }

    public int events() {
      return events.get();
    }

    public int heartbeats() {
      return heartbeats.get();
    }

    public String lastEventId() {
      return lastEventId;
    }

    /** The name of the last event, if it was not a change. */
    public String lastEvent() {
      return lastEvent;
    }

    /** What went wrong while reading, or null. */
    public Throwable failure() {
      return failure;
    }

    /** Drops the connection and opens a new one with {@code Last-Event-ID}. */
    public void reconnect() throws InterruptedException {
      disconnect();
      connect("", lastEventId);
    }

    private void connect(String query, String resumeFrom) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve("/addresses/changes" + query))
              .header("Accept", "text/event-stream");
      if (headers.length > 0) {
        request.headers(headers);
      }
      if (resumeFrom != null) {
        request.header("Last-Event-ID", resumeFrom);
      }
      HttpResponse<Stream<String>> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      assertEquals(200, response.statusCode());
      assertTrue(
          response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
          response.headers().toString());
      lines = response.body();
      Thread thread = new Thread(() -> read(lines), "sync-client-stream");
      thread.setDaemon(true);
      reader = thread;
      thread.start();
    }

    private void read(Stream<String> from) {
      String[] event = {null, null, null};
      try {
        from.forEach(
            line -> {
              if (line.isEmpty()) {
                dispatch(event[0], event[1], event[2]);
                event[0] = event[1] = event[2] = null;
              } else if (line.startsWith(":")) {
                heartbeats.incrementAndGet();
              } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                switch (field) {
                  case "event" -> event[0] = value;
                  case "id" -> event[1] = value;
                  case "data" -> event[2] = event[2] == null ? value : event[2] + "\n" + value;
                  default -> {}
                }
              }
            });
      } catch (UncheckedIOException | IllegalStateException closed) {
        // The connection was dropped (by the test, or the server ended the stream).
      } catch (Throwable e) {
        failure = e;
      }
    }

    private void dispatch(String name, String id, String data) {
      if (data == null) {
        return;
      }
      if ("change".equals(name)) {
        apply(copy, SyncClient.read(data));
        lastEventId = id;
        events.incrementAndGet();
      } else {
        lastEvent = name;
      }
    }

    private void disconnect() throws InterruptedException {
      Stream<String> open = lines;
      if (open != null) {
        open.close();
      }
      Thread thread = reader;
      if (thread != null) {
        thread.join(10_000);
      }
    }

    @Override
    public void close() {
      try {
        disconnect();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

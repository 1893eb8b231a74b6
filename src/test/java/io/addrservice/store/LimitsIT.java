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
import java.net.SocketException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource limits and graceful shutdown against the packaged jar: a trickled request head loses its
 * connection, so does a body that stops short of its length, connections beyond the cap are
 * refused, and on SIGTERM a new request on a kept-alive connection gets 503 with Connection: close
 * while a request in progress finishes.
 */
class LimitsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CONNECTIONS = 20;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  @TempDir Path work;

  private PackagedApp start() throws InterruptedException {
    return PackagedApp.start(
            List.of(
                "-Daddrservice.store.kind=memory",
                "-Daddrservice.header-timeout=1S",
                "-Dquarkus.http.read-timeout=3S",
                "-Dquarkus.http.limits.max-connections=" + MAX_CONNECTIONS),
            work,
            work.resolve("app.log"))
        .awaitReady(http);
  }

  private static Socket connect(PackagedApp app) throws IOException {
    Socket socket = new Socket("127.0.0.1", app.uri("/").getPort());
    socket.setSoTimeout(30_000);
    return socket;
  }

  /** Whether the server closed the connection (end of stream or reset) before any byte. */
  private static boolean closedByServer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketException reset) {
      return true;
    }
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static String body(InputStream in, String head) throws IOException {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return new String(
            in.readNBytes(Integer.parseInt(line.substring(15).trim())), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Test
  void headerTimeoutConnectionCapAndGracefulShutdown() throws Exception {
    try (PackagedApp app = start()) {
      // A head that never completes: the connection is closed once the header timeout passes.
      try (Socket slow = connect(app)) {
        write(slow, "GET /addresses HTTP/1.1\r\nHo");
        assertTrue(closedByServer(slow), "a trickled head must lose its connection");
      }

      // A body that stops short of its Content-Length loses its connection once the read timeout
      // (3 s here) passes without more of it; one that arrives in parts is read whole.
      String post = "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n";
      try (Socket stalled = connect(app)) {
        write(stalled, post + "Content-Length: 40\r\n\r\n{\"full_name\"");
        assertTrue(closedByServer(stalled), "a stalled body must lose its connection");
      }
      try (Socket parts = connect(app)) {
        String entry = "{\"full_name\": \"Ada Lovelace\"}";
        write(
            parts, post + "Content-Length: " + entry.length() + "\r\n\r\n" + entry.substring(0, 9));
        Thread.sleep(300);
        write(parts, entry.substring(9));
        String head = head(parts.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 201"), head);
      }

      // Connections up to the cap are served; the next is closed as it is accepted. (The test's
      // HTTP client may still hold a connection from the readiness check: up to two below the cap.)
      List<Socket> held = new ArrayList<>();
      boolean overCap = false;
      try {
        while (!overCap && held.size() <= MAX_CONNECTIONS) {
          Socket socket = connect(app);
          held.add(socket);
          try {
            write(socket, "GET /q/health/live HTTP/1.1\r\nHost: h\r\n\r\n");
          } catch (IOException closed) {
            // Closed before the request could be written.
          }
          String head;
          try {
            head = head(socket.getInputStream());
          } catch (SocketException reset) {
            head = "";
          }
          if (head.startsWith("HTTP/1.1 200")) {
            body(socket.getInputStream(), head);
          } else {
            assertTrue(head.isEmpty(), head);
            overCap = true;
            held.remove(socket);
            socket.close();
          }
        }
        assertTrue(overCap, "no connection was refused");
        assertTrue(
            held.size() >= MAX_CONNECTIONS - 2 && held.size() < MAX_CONNECTIONS,
            held.size() + " held");
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
      Thread.sleep(500);

      // Graceful shutdown: one request in progress, one kept-alive connection that is idle.
      String entry = "{\"full_name\": \"In flight\"}";
      try (Socket idle = connect(app);
          Socket inFlight = connect(app)) {
        write(idle, "GET /addresses HTTP/1.1\r\nHost: h\r\n\r\n");
        String first = head(idle.getInputStream());
        assertTrue(first.startsWith("HTTP/1.1 200"), first);
        body(idle.getInputStream(), first);
        write(
            inFlight,
            "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + entry.length()
                + "\r\n\r\n"
                + entry.substring(0, 10));
        Thread.sleep(500);

        app.terminate();
        Thread.sleep(1500);

        write(idle, "GET /addresses HTTP/1.1\r\nHost: h\r\n\r\n");
        String refused = head(idle.getInputStream());
        assertTrue(refused.startsWith("HTTP/1.1 503 Service shutting down\r\n"), refused);
        assertTrue(refused.toLowerCase(Locale.ROOT).contains("\r\nconnection: close"), refused);
        assertTrue(refused.toLowerCase(Locale.ROOT).contains("\r\nretry-after: 5"), refused);
        JsonNode error = JSON.readTree(body(idle.getInputStream(), refused));
        assertEquals(503, error.get("code").asInt());
        assertEquals("Service shutting down", error.get("message").asText());
        assertTrue(closedByServer(idle));

        write(inFlight, entry.substring(10));
        String created = head(inFlight.getInputStream());
        assertTrue(created.startsWith("HTTP/1.1 201"), created + "\n" + app.logTail());
      }
      // A JVM ends on SIGTERM with 143 (128 + 15) once its shutdown hooks have run.
      int exit = app.awaitExit(Duration.ofSeconds(60));
      assertTrue(exit == 0 || exit == 143, exit + "\n" + app.logTail());
    }
  }
}

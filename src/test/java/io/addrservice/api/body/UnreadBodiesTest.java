package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a client still sends after an early answer: dropped, not queued. Over a raw socket, since an
 * HTTP client stops sending (or waits) when it sees the answer.
 */
@QuarkusTest
class UnreadBodiesTest {
  private static final int CHUNK = 64 * 1024;

  /** Far more than quarkus.http.limits.max-body-size (10M) may be dropped after an answer. */
  private static final long FAR_TOO_MUCH = 64L * 1024 * 1024;

  @TestHTTPResource("/addresses")
  URI addresses;

  @Test
  void theRestOfABodyAfterA413IsDroppedAndTheConnectionServesTheNextRequest() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      startChunkedPost(out, "application/json");
      for (int i = 0; i < 32; i++) {
        writeChunk(out);
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readResponse(in);
      assertTrue(answer.startsWith("HTTP/1.1 413 Request body too large\r\n"), answer);
      assertTrue(answer.contains("\"message\":\"Request body too large\""), answer);

      out.write(
          "GET /addresses?limit=1 HTTP/1.1\r\nHost: localhost\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String next = readResponse(in);
      assertTrue(next.startsWith("HTTP/1.1 200 OK\r\n"), next);
    }
  }

  @Test
  void aClientThatGoesOnSendingAfterAnEarlyAnswerLosesTheConnection() throws Exception {
    for (String contentType : new String[] {"application/json", "application/xml"}) {
      try (Socket socket = connect()) {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        CompletableFuture<String> answer =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return readResponse(in);
                  } catch (IOException e) {
                    return "no answer: " + e;
                  }
                });
        startChunkedPost(out, contentType);
        long sent = 0;
        boolean closed = false;
        try {
          while (sent < FAR_TOO_MUCH) {
            writeChunk(out);
            sent += CHUNK;
          }
        } catch (IOException e) {
          closed = true;
        }
        assertTrue(closed, contentType + ": the server took all " + sent + " bytes");
        String status = answer.get(30, TimeUnit.SECONDS);
        assertTrue(
            status.startsWith("HTTP/1.1 413 ") || status.startsWith("HTTP/1.1 415 "),
            contentType + ": " + status);
      }
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(addresses.getHost(), addresses.getPort());
    socket.setSoTimeout(30_000);
    return socket;
  }

  private static void startChunkedPost(OutputStream out, String contentType) throws IOException {
    out.write(
        ("POST /addresses HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + contentType
                + "\r\nTransfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
  }

  private static void writeChunk(OutputStream out) throws IOException {
    byte[] spaces = new byte[CHUNK];
    Arrays.fill(spaces, (byte) ' ');
    out.write((Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(spaces);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** One response: the head up to the blank line, then content-length bytes of body. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.toString(StandardCharsets.US_ASCII);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    assertEquals(length, body.length, "a cut-off body");
    return text + new String(body, StandardCharsets.UTF_8);
  }
}

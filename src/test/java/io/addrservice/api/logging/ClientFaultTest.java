package io.addrservice.api.logging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.ApiTestSupport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A client that aborts its body is the client's fault: a WARN line with status=499 and no stack
 * trace, and no 500 in the metrics, since no 500 was sent.
 */
@QuarkusTest
class ClientFaultTest extends ApiTestSupport {
  @TestHTTPResource("/")
  URI root;

  /** The 500s counted for POST /addresses so far (other tests in this app may have made some). */
  private static double serverErrors() {
    return given()
        .get("/q/metrics")
        .asString()
        .lines()
        .filter(l -> l.startsWith("http_server_requests_seconds_count{"))
        .filter(l -> l.contains("method=\"POST\"") && l.contains("status=\"500\""))
        .filter(l -> l.contains("uri=\"/addresses\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void anAbortedBodyIsAWarningWith499AndNoServerErrorInTheMetrics() throws Exception {
    double serverErrorsBefore = serverErrors();
    try (LogCapture logs = LogCapture.of(RequestLogFilter.CATEGORY)) {
      for (String framing :
          new String[] {"Content-Length: 400\r\n", "Transfer-Encoding: chunked\r\n"}) {
        String id = "aborted-" + framing.substring(0, 7);
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
          OutputStream out = socket.getOutputStream();
          String body =
              framing.startsWith("Content") ? "{\"full_name\": " : "e\r\n{\"full_name\": ";
          out.write(
              ("POST /addresses HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: "
                      + id
                      + "\r\nContent-Type: application/json\r\n"
                      + framing
                      + "\r\n"
                      + body)
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(200);
        }
        LogCapture.Line line = logs.await(l -> id.equals(l.reqId()));
        assertEquals(Level.WARNING.intValue(), line.level().intValue(), line.message());
        assertTrue(line.message().contains(" status=499 "), line.message());
        assertTrue(
            line.message().contains("reason=\"client closed the connection\""), line.message());
        assertNull(line.thrown(), "no stack trace for a client's fault");
        Thread.sleep(200);
        assertEquals(1, logs.all(l -> id.equals(l.reqId())).size(), "one line per request");
      }
    }
    assertEquals(serverErrorsBefore, serverErrors(), "no 500 was sent, so none is counted");
    given().get("/addresses").then().statusCode(200);
  }
}

package io.addrservice.api.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protected mode over real sockets: with only 127.0.0.1 trusted, a client bound to 127.0.0.2 (still
 * this machine, but another peer address) is refused the API and keeps health, metrics and OpenAPI.
 */
@QuarkusTest
@TestProfile(ProtectedModeTest.OnlyOneTrustedPeer.class)
class ProtectedModeTest {
  private static final String ENTRY = "{\"full_name\": \"Grace Hopper\"}";

  /** Mode none with one trusted address, so that another loopback address is a remote peer. */
  public static class OnlyOneTrustedPeer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("addrservice.auth.trusted-peers", "127.0.0.1/32");
    }
  }

  /** A raw HTTP/1.1 exchange. */
  private record Answer(int status, String head, String body) {}

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void theApiRefusesAnUntrustedPeerWithTheWaysOut() throws IOException {
    String id = "0".repeat(32);
    for (String[] request :
        List.of(
            new String[] {"GET", "/addresses"},
            new String[] {"GET", "/addresses/"},
            new String[] {"POST", "/addresses"},
            new String[] {"GET", "/addresses/" + id},
            new String[] {"PUT", "/addresses/" + id},
            new String[] {"DELETE", "/addresses/" + id})) {
      Answer answer = exchange("127.0.0.2", request[0], request[1], "");
      assertEquals(403, answer.status(), answer.head());
      assertTrue(answer.head().contains("Content-Type: application/json"), answer.head());
      JsonNode body = new ObjectMapper().readTree(answer.body());
      assertEquals(request[0], body.path("method").asText());
      assertEquals(request[1], body.path("uri").asText());
      assertEquals(403, body.path("code").asInt());
      assertEquals(AnonymousRemoteException.MESSAGE, body.path("message").asText());
      assertTrue(body.path("message").asText().contains("addrservice.auth.mode=jwt"));
      assertTrue(
          body.path("message").asText().contains("addrservice.auth.allow-anonymous-remote=true"));
    }
  }

  @Test
  void aForwardedHeaderDoesNotMakeAPeerTrusted() throws IOException {
    Answer answer =
        exchange(
            "127.0.0.2",
            "GET",
            "/addresses",
            "X-Forwarded-For: 127.0.0.1\r\nForwarded: for=127.0.0.1\r\nX-Real-IP: 127.0.0.1\r\n");
    assertEquals(403, answer.status(), answer.head());
  }

  @Test
  void healthMetricsAndOpenApiStayOpenToEveryPeer() throws IOException {
    for (String path :
        List.of(
            "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
      Answer answer = exchange("127.0.0.2", "GET", path, "");
      assertEquals(200, answer.status(), path + ": " + answer.head());
    }
  }

  @Test
  void theTrustedPeerIsServedAndAnAuthorizationHeaderIsIgnored() throws IOException {
    assertEquals(200, exchange("127.0.0.1", "GET", "/addresses", "").status());
    // Mode none reads no token: whatever Authorization says, the seed's session works as before.
    String location =
        given()
            .header("Authorization", "Bearer not-a-jwt")
            .body(ENTRY)
            .post("/addresses")
            .then()
            .statusCode(201)
            .extract()
            .header("Location");
    given().header("Authorization", "Basic eDp5").get(location).then().statusCode(200);
    given().delete(location).then().statusCode(204);
  }

  /** One request from {@code localAddress} to the test server, on a connection of its own. */
  private static Answer exchange(String localAddress, String method, String path, String headers)
      throws IOException {
    try (Socket socket =
        new Socket(
            InetAddress.getByName("127.0.0.1"),
            RestAssured.port,
            InetAddress.getByName(localAddress),
            0)) {
      String body = method.equals("POST") || method.equals("PUT") ? ENTRY : "";
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                  + headers
                  + "Content-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String head = response.substring(0, end);
      return new Answer(Integer.parseInt(head.substring(9, 12)), head, response.substring(end + 4));
    }
  }
}

package io.addrservice.api.http;

import static io.addrservice.api.ApiTestSupport.assertErrorBody;
import static io.addrservice.api.http.Tokens.READ;
import static io.addrservice.api.http.Tokens.WRITE;
import static io.addrservice.api.http.Tokens.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.error.AccessErrorMappers;
import io.addrservice.api.logging.LogCapture;
import io.addrservice.api.logging.RequestLogFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mode jwt: who gets 401, who gets 403, and that no token bytes make a 500. */
@QuarkusTest
@TestProfile(JwtModeProfile.class)
class JwtAccessTest {
  private static final String ENTRY = "{\"full_name\": \"Grace Hopper\"}";
  private static final String UNKNOWN = "/addresses/" + "0".repeat(32);

  private LogCapture logs;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @BeforeEach
  void capture() {
    logs = LogCapture.of("");
  }

  @AfterEach
  void release() {
    logs.close();
  }

  /** One request of every kind the API has, each with the role it needs. */
  private record Call(String method, String path, String role) {}

  private static final List<Call> CALLS =
      List.of(
          new Call("GET", "/addresses", READ),
          new Call("GET", "/addresses/", READ),
          new Call("GET", UNKNOWN, READ),
          new Call("HEAD", UNKNOWN, READ),
          new Call("POST", "/addresses", WRITE),
          new Call("PUT", UNKNOWN, WRITE),
          new Call("DELETE", UNKNOWN, WRITE));

  private static ValidatableResponse send(RequestSpecification request, Call call) {
    return request.body(ENTRY).request(call.method(), call.path()).then();
  }

  /** 401 with the bearer challenge and the JSON error body naming the request. */
  private static void assertUnauthorized(
      ValidatableResponse response,
      Call call,
      String message,
      org.hamcrest.Matcher<String> challenge) {
    if (call.method().equals("HEAD")) {
      response.statusCode(401).header("WWW-Authenticate", challenge);
      return;
    }
    assertErrorBody(response, 401, message, call.method(), call.path())
        .header("WWW-Authenticate", challenge);
  }

  @Test
  void withoutATokenEveryRequestIs401WithTheBearerChallenge() {
    for (Call call : CALLS) {
      assertUnauthorized(
          send(given(), call), call, AccessErrorMappers.TOKEN_REQUIRED, equalTo("Bearer"));
    }
  }

  @Test
  void aTokenServesAgainWhateverTheSchemesCaseAndNotOnceRefused() {
    String owner = Tokens.newOwner();
    String token = Tokens.token(owner, READ);
    // The first request verifies the token; the next ones find it remembered.
    for (String scheme : List.of("Bearer ", "bearer ", "BEARER ")) {
      given().header("Authorization", scheme + token).get("/addresses").then().statusCode(200);
    }
    // Remembered or not, a token with one more character is another token: refused.
    Call call = CALLS.get(0);
    assertUnauthorized(
        send(given().header("Authorization", "Bearer " + token + "x"), call),
        call,
        AccessErrorMappers.INVALID_TOKEN,
        equalTo("Bearer error=\"invalid_token\""));
    assertUnauthorized(
        send(given().header("Authorization", "Bearer  " + token), call),
        call,
        AccessErrorMappers.INVALID_TOKEN,
        equalTo("Bearer error=\"invalid_token\""));
  }

  @Test
  void anotherSchemeIsNoToken() {
    Call call = CALLS.get(0);
    assertUnauthorized(
        send(given().header("Authorization", "Basic YWxpY2U6c2VjcmV0"), call),
        call,
        AccessErrorMappers.TOKEN_REQUIRED,
        equalTo("Bearer"));
  }

  @Test
  void everyRefusedTokenIs401InvalidToken() {
    String owner = Tokens.newOwner();
    long now = Instant.now().getEpochSecond();
    List<String> refused =
        List.of(
            // expired an hour ago, far beyond the clock skew
            Tokens.sign(
                Tokens.claims(owner, READ, WRITE).issuedAt(now - 7200).expiresAt(now - 3600)),
            Tokens.signWithOtherKey(Tokens.claims(owner, READ, WRITE)),
            Tokens.sign(Tokens.claims(owner, READ, WRITE).issuer("https://elsewhere.test")),
            Tokens.sign(Tokens.claims(owner, READ, WRITE).audience("another-service")),
            Tokens.unsigned(owner, READ, WRITE),
            Tokens.hmacWithPublicKey(Tokens.claims(owner, READ, WRITE)),
            // a valid token with one character in the middle of its signature changed
            spoilSignature(Tokens.token(owner, READ, WRITE)),
            "not-a-jwt",
            "a.b.c",
            "..",
            Tokens.base64url("{\"alg\":\"RS256\"}") + "." + Tokens.base64url("[]") + ".AAAA");
    for (String token : refused) {
      for (Call call : CALLS) {
        assertUnauthorized(
            send(given().header("Authorization", bearer(token)), call),
            call,
            AccessErrorMappers.INVALID_TOKEN,
            equalTo("Bearer error=\"invalid_token\""));
      }
    }
  }

  @Test
  void noTokenBytesMakeA500() {
    Random random = new Random(15);
    List<String> headers = new ArrayList<>(List.of("Bearer", "Bearer ", "Bearer  x", "bearer x"));
    for (int i = 0; i < 60; i++) {
      byte[] bytes = new byte[1 + random.nextInt(600)];
      random.nextBytes(bytes);
      String base64 = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      int first = base64.length() / 3;
      headers.add("Bearer " + base64);
      headers.add(
          "Bearer "
              + base64.substring(0, first)
              + "."
              + base64.substring(first, 2 * first)
              + "."
              + base64.substring(2 * first));
      // JSON-looking parts with random content, and Latin-1 bytes outside base64's alphabet
      headers.add(
          "Bearer "
              + Tokens.base64url("{\"alg\":\"RS256\",\"kid\":" + random.nextInt() + "}")
              + "."
              + base64
              + ".sig");
      headers.add(
          "Bearer " + new String(bytes, StandardCharsets.ISO_8859_1).replaceAll("[\\r\\n]", ""));
    }
    for (String header : headers) {
      given()
          .header("Authorization", header)
          .get("/addresses")
          .then()
          .statusCode(anyOf(equalTo(400), equalTo(401)))
          .contentType(anyOf(equalTo("application/json"), equalTo("")));
    }
  }

  @Test
  void aReadTokenReadsButCannotWrite() {
    String token = Tokens.token(Tokens.newOwner(), READ);
    given().header("Authorization", bearer(token)).get("/addresses").then().statusCode(200);
    given().header("Authorization", bearer(token)).get(UNKNOWN).then().statusCode(404);
    for (Call call : CALLS) {
      if (call.role().equals(WRITE)) {
        assertErrorBody(
            send(given().header("Authorization", bearer(token)), call),
            403,
            AccessErrorMappers.MISSING_ROLE + WRITE,
            call.method(),
            call.path());
      }
    }
  }

  @Test
  void aTokenWithoutAddressRolesIs403ForEverything() {
    String token = Tokens.token(Tokens.newOwner(), "profile.read");
    for (Call call : CALLS) {
      ValidatableResponse response = send(given().header("Authorization", bearer(token)), call);
      if (call.method().equals("HEAD")) {
        response.statusCode(403);
      } else {
        assertErrorBody(
            response,
            403,
            AccessErrorMappers.MISSING_ROLE + call.role(),
            call.method(),
            call.path());
      }
    }
  }

  @Test
  void aWriteTokenAlsoReads() {
    String token = Tokens.token(Tokens.newOwner(), WRITE);
    String location = Tokens.create(token, ENTRY);
    Tokens.as(token)
        .get(location)
        .then()
        .statusCode(200)
        .body("full_name", equalTo("Grace Hopper"));
    Tokens.as(token).delete(location).then().statusCode(204);
  }

  @Test
  void healthMetricsAndOpenApiNeedNoTokenAndIgnoreABadOne() {
    for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
      given().get(path).then().statusCode(200);
      given().header("Authorization", "Bearer not-a-jwt").get(path).then().statusCode(200);
    }
  }

  @Test
  void theCanonicalLineNamesTheOwnerAndNeverTheToken() throws InterruptedException {
    String owner = Tokens.newOwner();
    String token = Tokens.token(owner, READ);
    given()
        .header("Authorization", bearer(token))
        .header("X-Request-ID", owner)
        .get("/addresses")
        .then()
        .statusCode(200);
    LogCapture.Line line =
        logs.await(l -> owner.equals(l.reqId()) && l.category().equals(RequestLogFilter.CATEGORY));
    assertTrue(line.message().contains(" sub=" + owner + " status=200 "), line.message());

    String refused = Tokens.signWithOtherKey(Tokens.claims(owner, READ));
    given()
        .header("Authorization", bearer(refused))
        .header("X-Request-ID", owner + "-refused")
        .get("/addresses")
        .then()
        .statusCode(401);
    LogCapture.Line refusedLine =
        logs.await(
            l ->
                (owner + "-refused").equals(l.reqId())
                    && l.category().equals(RequestLogFilter.CATEGORY));
    assertFalse(refusedLine.message().contains("sub="), refusedLine.message());
    assertTrue(refusedLine.message().contains("reason=\"Invalid bearer token\""));

    // No part of either token (a signature, the claims) reaches any log line.
    for (String sent : List.of(token, refused)) {
      for (String part : sent.split("\\.")) {
        assertTrue(logs.all(l -> String.valueOf(l.message()).contains(part)).isEmpty(), part);
      }
    }
  }

  @Test
  void refusalsAreCountedByRouteLikeOtherStatuses() {
    given().get("/addresses").then().statusCode(401);
    given()
        .header("Authorization", bearer(Tokens.token(Tokens.newOwner(), READ)))
        .body(ENTRY)
        .post("/addresses")
        .then()
        .statusCode(403);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("status=\"401\",uri=\"/addresses\""))
        .body(containsString("status=\"403\",uri=\"/addresses\""));
  }

  /**
   * One character of the signature changed: in its middle, since the last one also carries bits
   * that base64 decoding drops.
   */
  private static String spoilSignature(String token) {
    int at = token.length() - 20;
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }
}

package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST with Idempotency-Key: a retry gets the first answer, another entry under the key is 422. */
@QuarkusTest
class IdempotentPostTest extends ApiTestSupport {
  private static final String RULE =
      "must be one quoted string of 1 to 255 printable ASCII characters, such as"
          + " \"8e03978e-40d5-43e8-bc93-6894a57f9324\"";

  private static Response post(String key, String body) {
    return given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post("/addresses");
  }

  @Test
  void aRetryGetsTheFirstAnswerAndCreatesNothing() {
    String key = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"";
    Response first = post(key, ENTRY);
    first.then().statusCode(201);
    Response retry = post(key, ENTRY);
    retry.then().statusCode(201).header("ETag", "\"1\"");
    assertEquals(first.header("Location"), retry.header("Location"));
    assertEquals(first.header("ETag"), retry.header("ETag"));
    given().get("/addresses").then().body("size()", equalTo(1));
    // Even after the entry changed, the retry is answered as the first POST was.
    given()
        .contentType(ContentType.JSON)
        .body(UPDATED_ENTRY)
        .put(first.header("Location"))
        .then()
        .statusCode(204);
    assertEquals(first.header("Location"), post(key, ENTRY).header("Location"));
    given().get("/addresses").then().body("size()", equalTo(1));
    // Another key, or none, creates as usual.
    post("\"another\"", ENTRY).then().statusCode(201);
    given().contentType(ContentType.JSON).body(ENTRY).post("/addresses").then().statusCode(201);
    given().get("/addresses").then().body("size()", equalTo(3));
  }

  @Test
  void theSameKeyWithAnotherEntryIs422AndStoresNothing() {
    post("\"k-1\"", ENTRY).then().statusCode(201);
    post("\"k-1\"", UPDATED_ENTRY)
        .then()
        .statusCode(422)
        .contentType(ContentType.JSON)
        .body("code", equalTo(422))
        .body("message", equalTo("Idempotency-Key reused with another entry"));
    given().get("/addresses").then().body("size()", equalTo(1));
  }

  @Test
  void keysWithEscapesAreTheirExactText() {
    post("\"a\\\"b\"", ENTRY).then().statusCode(201);
    post("\"a\\\\b\"", ENTRY).then().statusCode(201);
    given().get("/addresses").then().body("size()", equalTo(2));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "\"\"",
        "\"unterminated",
        "'single'",
        "\"a\"b\"",
        "\"a\\b\"",
        "\"tab\tinside\"",
        "\"é\"",
        "?",
        "\"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345\""
      })
  void aMalformedKeyIs400AndStoresNothing(String key) {
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(ENTRY)
        .post("/addresses")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("message", equalTo("Invalid request header"))
        .body("errors", equalTo(List.of(Map.of("path", "Idempotency-Key", "message", RULE))));
    given().get("/addresses").then().body("size()", equalTo(0));
  }

  @Test
  void twoKeysAre400() {
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", "\"a\"")
        .header("Idempotency-Key", "\"b\"")
        .body(ENTRY)
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("errors[0].path", equalTo("Idempotency-Key"));
  }
}

package io.addrservice.api.body;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.addrservice.api.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body that is not one JSON object in well-formed UTF-8 is 400 "Invalid JSON body", and nothing
 * is stored.
 */
@QuarkusTest
class InvalidJsonBodyTest extends ApiTestSupport {
  @Test
  void invalidJsonHasTheErrorBodyAndReasonPhrase() {
    assertErrorBody(
            given()
                .contentType(ContentType.JSON)
                .body("{\"full_name\": ")
                .post("/addresses")
                .then(),
            400,
            "Invalid JSON body",
            "POST",
            "/addresses")
        .body("$", not(hasKey("errors")))
        .body("$", not(hasKey("trace")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "\"text\"",
        "42",
        "null",
        "",
        "{\"full_name\": \"A\"} {}",
        "{\"full_name\": \"A\", \"full_name\": \"B\"}",
        "{\"full_name\": \"A\", \"emails\": [{\"kind\": \"home\", \"kind\": \"work\"}]}",
        "{'full_name': 'A'}",
        "{\"full_name\": \"A\",}"
      })
  void aBodyThatIsNotOneJsonObjectIs400(String body) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));
    given().get("/addresses").then().body("size()", equalTo(0));
  }

  /**
   * Bodies that are not well-formed UTF-8 (RFC 3629), each as hex bytes inside {"full_name":"..."}:
   * Latin-1, overlong forms of "/", an encoded surrogate, a code point above U+10FFFF, a truncated
   * sequence, and a stray continuation byte.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ff", "c0af", "e080af", "f08080af", "eda080", "f4908080", "e282", "80"})
  void invalidUtf8Is400AndNothingIsStored(String hex) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"full_name\": \"A".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(java.util.HexFormat.of().parseHex(hex));
    body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
    given()
        .contentType(ContentType.JSON)
        .body(body.toByteArray())
        .post("/addresses")
        .then()
        .statusCode(400)
        .statusLine("HTTP/1.1 400 Invalid JSON body")
        .body("message", equalTo("Invalid JSON body"))
        .body("$", not(hasKey("errors")));
    given().get("/addresses").then().body("size()", equalTo(0));
  }

  @Test
  void onlyUtf8IsReadNotUtf16() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"A\"}".getBytes(StandardCharsets.UTF_16BE))
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));
    given().get("/addresses").then().body("size()", equalTo(0));
    byte[] withBom = "\uFEFF{\"full_name\": \"Zoë\"}".getBytes(StandardCharsets.UTF_8);
    given().contentType(ContentType.JSON).body(withBom).post("/addresses").then().statusCode(201);
  }

  @Test
  void nestingDeeperThan1000Is400NotA500() {
    String deep = "[".repeat(1001) + "]".repeat(1001);
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"A\", \"emails\": " + deep + "}")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));
    String shallower = "[".repeat(990) + "]".repeat(990);
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"A\", \"emails\": " + shallower + "}")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("JSON Schema validation failed"));
  }
}

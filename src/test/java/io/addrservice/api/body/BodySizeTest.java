package io.addrservice.api.body;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.addrservice.api.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * Bodies up to {@code addrservice.max-body-size} once decoded are read; larger ones are 413 and
 * store nothing, however small they were compressed.
 */
@QuarkusTest
class BodySizeTest extends ApiTestSupport {
  private static final int MAX_BODY = 64 * 1024;

  @Test
  void aBodyOverTheLimitIs413AndNothingIsStored() {
    given()
        .contentType(ContentType.JSON)
        .body(nameOfBodySize(MAX_BODY + 1))
        .post("/addresses")
        .then()
        .statusCode(413)
        .statusLine("HTTP/1.1 413 Request body too large")
        .contentType("application/json")
        .body("code", equalTo(413))
        .body("message", equalTo("Request body too large"));
    given().get("/addresses").then().body("size()", equalTo(0));
    String location = create(ENTRY);
    given()
        .contentType(ContentType.JSON)
        .body(nameOfBodySize(MAX_BODY * 3))
        .put(location)
        .then()
        .statusCode(413);
    assertEquals(JsonPath.from(ENTRY).getMap("$"), read(location));
  }

  @Test
  void aBodyExactlyAtTheLimitIsAccepted() {
    given()
        .contentType(ContentType.JSON)
        .body(nameOfBodySize(MAX_BODY))
        .post("/addresses")
        .then()
        .statusCode(201);
  }

  @Test
  void aGzipBombIsRefusedWith413() throws Exception {
    given()
        .contentType(ContentType.JSON)
        .header("Content-Encoding", "gzip")
        .body(gzip(nameOfBodySize(MAX_BODY * 8)))
        .post("/addresses")
        .then()
        .statusCode(413);
  }

  /** A valid entry whose UTF-8 body is exactly {@code size} bytes. */
  private static String nameOfBodySize(int size) {
    String frame = "{\"full_name\": \"\"}";
    return "{\"full_name\": \"" + "x".repeat(size - frame.length()) + "\"}";
  }
}

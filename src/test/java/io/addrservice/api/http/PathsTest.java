package io.addrservice.api.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.addrservice.api.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which paths and methods exist: trailing slashes, 405 with Allow, 404 for unknown endpoints,
 * matrix parameters and unknown ids, and the management endpoints.
 */
@QuarkusTest
class PathsTest extends ApiTestSupport {
  @Test
  void trailingSlashesAreAccepted() {
    String location = create(ENTRY);
    given().get("/addresses/").then().statusCode(200).body("size()", equalTo(1));
    given().get(location + "/").then().statusCode(200).body("full_name", equalTo("Bill Gates"));
    given().contentType(ContentType.JSON).body(ENTRY).post("/addresses/").then().statusCode(201);
  }

  @Test
  void aWrongMethodOnAKnownPathIs405WithAllow() {
    given()
        .patch("/addresses")
        .then()
        .statusCode(405)
        .header("Allow", "GET, HEAD, POST, OPTIONS")
        .contentType("application/json")
        .body("method", equalTo("PATCH"))
        .body("code", equalTo(405))
        .body("message", equalTo("Method Not Allowed"));
    given()
        .post("/addresses/" + "0".repeat(32))
        .then()
        .statusCode(405)
        .header("Allow", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    given().options("/addresses").then().statusCode(200).header("Allow", containsString("POST"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/addresses/a.b", "/addresses/%2e%2e", "/addresses/a_b", "/nope/x"})
  void aPathIdOutsideTheIdAlphabetIsAnUnknownEndpoint(String path) {
    given()
        .urlEncodingEnabled(false)
        .get(path)
        .then()
        .statusCode(404)
        .body("message", equalTo("Unknown Endpoint"));
  }

  @Test
  void anIdOfTheRightAlphabetButUnknownIs404NamingIt() {
    given()
        .get("/addresses/no-such-id")
        .then()
        .statusCode(404)
        .statusLine("HTTP/1.1 404 Entry no-such-id not found")
        .body("message", equalTo("Entry no-such-id not found"));
    given().delete("/addresses/" + "a".repeat(64)).then().statusCode(404);
    given().get("/addresses/" + "a".repeat(65)).then().statusCode(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE", "POST", "PATCH", "OPTIONS", "HEAD"})
  void aMatrixParameterInThePathIsAnUnknownEndpoint(String method) {
    String location = create(ENTRY);
    for (String path : List.of(location + ";x", location + ";", "/addresses/a;b", "/addresses;x")) {
      ValidatableResponse response =
          given()
              .urlEncodingEnabled(false)
              .contentType(ContentType.JSON)
              .body(UPDATED_ENTRY)
              .request(method, path)
              .then()
              .statusCode(404)
              .statusLine("HTTP/1.1 404 Unknown Endpoint");
      if (!method.equals("HEAD")) {
        response
            .contentType("application/json")
            .body("method", equalTo(method))
            .body("uri", equalTo(path))
            .body("message", equalTo("Unknown Endpoint"));
      }
    }
    assertEquals(JsonPath.from(ENTRY).getMap("$"), read(location));
  }

  @Test
  void swaggerUiAndHealthAreServed() {
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }
}

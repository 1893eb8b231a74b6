package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed service's whole life cycle, and its unknown-endpoint test, over HTTP. */
@QuarkusTest
class AddressBookLifecycleTest extends ApiTestSupport {

  @Test
  void theSeedLifeCycle() {
    given().get("/addresses").then().statusCode(200).body("$", anEmptyMap());

    String location =
        given()
            .body(ENTRY)
            .contentType("application/x-www-form-urlencoded")
            .post("/addresses")
            .then()
            .statusCode(201)
            .header("Location", matchesPattern("^/addresses/[0-9a-f]{32}$"))
            .header("ETag", "\"1\"")
            .body(equalTo(""))
            .extract()
            .header("Location");
    String id = location.substring("/addresses/".length());

    given()
        .body("not json")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));

    assertEquals(JsonPath.from(ENTRY).getMap("$"), read(location));
    given().get(location).then().header("ETag", "\"1\"");

    String unknown = "/addresses/" + "0".repeat(32);
    given()
        .get(unknown)
        .then()
        .statusCode(404)
        .body("code", equalTo(404))
        .body("message", equalTo("Entry " + "0".repeat(32) + " not found"));

    given()
        .body(UPDATED_ENTRY)
        .put(location)
        .then()
        .statusCode(204)
        .header("ETag", "\"2\"")
        .body(equalTo(""));
    assertEquals(JsonPath.from(UPDATED_ENTRY).getMap("$"), read(location));

    given()
        .body("{ not json")
        .put(location)
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));
    given().body(UPDATED_ENTRY).put(unknown).then().statusCode(404);

    Map<String, Object> listed =
        given().get("/addresses").then().statusCode(200).extract().jsonPath().getMap("$");
    assertEquals(Map.of(id, JsonPath.from(UPDATED_ENTRY).getMap("$")), listed);

    given().delete(location).then().statusCode(204).body(equalTo(""));
    given().get(location).then().statusCode(404).body("message", notNullValue());
    given().delete(location).then().statusCode(404);
    given().get("/addresses").then().statusCode(200).body("$", anEmptyMap());
  }

  @Test
  void anUnknownEndpointIs404WithTheErrorBody() {
    assertErrorBody(given().get("/xyz").then(), 404, "Unknown Endpoint", "GET", "/xyz");
  }
}

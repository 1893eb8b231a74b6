package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void httpTimersAreTaggedByRouteTemplateNeverByRawPath() {
    String location =
        given()
            .body("{\"full_name\": \"Grace Hopper\"}")
            .post("/addresses")
            .then()
            .statusCode(201)
            .extract()
            .header("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);
    given().get(location).then().statusCode(200);
    given().get(location + "/").then().statusCode(200);
    given().get("/addresses/" + "f".repeat(32)).then().statusCode(404);
    given().get("/no-such-endpoint-" + id).then().statusCode(404);
    given()
        .body("{\"from\": [\"" + "f".repeat(32) + "\"]}")
        .post(location + "/merge")
        .then()
        .statusCode(404);

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count{"))
        .body(containsString("uri=\"/addresses/{id}\""))
        .body(containsString("uri=\"/addresses\""))
        .body(containsString("uri=\"/addresses/{id}/merge\""))
        .body(containsString("uri=\"NOT_FOUND\""))
        .body(not(containsString(id)))
        .body(not(containsString("f".repeat(32))))
        .body(not(containsString("[A-Za-z0-9-]")));
  }

  @Test
  void storeOperationsAreTimedAndEntriesCounted() {
    given().body("{\"full_name\": \"Alan Turing\"}").post("/addresses").then().statusCode(201);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "addrservice_store_operations_seconds_count{engine=\"memory\",operation=\"insert\"}"))
        .body(
            containsString(
                "addrservice_store_operations_seconds_count{engine=\"memory\",operation=\"find\"}"))
        .body(containsString("addrservice_store_entries{engine=\"memory\"}"));
  }
}

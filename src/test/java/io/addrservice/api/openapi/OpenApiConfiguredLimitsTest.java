package io.addrservice.api.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document states the page sizes this instance is configured with, not the defaults.
 */
@QuarkusTest
@TestProfile(OpenApiConfiguredLimitsTest.SmallPages.class)
class OpenApiConfiguredLimitsTest {

  /** Page sizes other than the defaults. */
  public static class SmallPages implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("addrservice.page.max-size", "250", "addrservice.page.default-size", "20");
    }
  }

  @Test
  void theLimitParameterFollowsTheConfiguration() {
    String limit = "paths.'/addresses'.get.parameters.find { it.name == 'limit' }";
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body(limit + ".schema.maximum", equalTo(250))
        .body(limit + ".schema.minimum", equalTo(1))
        .body(limit + ".schema.default", equalTo(20))
        .body(
            limit + ".description",
            equalTo(
                "Entries per page: 1 to 250 (addrservice.page.max-size), 20 when absent"
                    + " (addrservice.page.default-size)"));
    // The document and the service agree: 250 is served, 251 is refused.
    given().queryParam("limit", 250).get("/addresses").then().statusCode(200);
    given()
        .queryParam("limit", 251)
        .get("/addresses")
        .then()
        .statusCode(400)
        .body(
            "errors",
            equalTo(
                List.of(
                    Map.of(
                        "path",
                        "limit",
                        "message",
                        "must be a whole number from 1 to 250 inclusive"))));
  }
}

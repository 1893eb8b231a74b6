package io.addrservice.api.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.addrservice.api.ApiTestSupport;
import io.addrservice.api.FailingResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With addrservice.debug=true (the dev profile's setting) error bodies carry the trace. */
@QuarkusTest
@TestProfile(DebugModeTest.Debug.class)
class DebugModeTest extends ApiTestSupport {

  /** The test profile with debug on. */
  public static class Debug implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("addrservice.debug", "true");
    }
  }

  @Test
  void errorsCarryTheServerSideTrace() {
    given()
        .contentType(ContentType.JSON)
        .body("{oops")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"))
        .body("trace", containsString("InvalidJsonException"));
    given()
        .get("/test-only/failure")
        .then()
        .statusCode(500)
        .body("trace", containsString(FailingResource.MESSAGE));
  }
}

package io.addrservice.api.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.addrservice.api.ApiTestSupport;
import io.addrservice.api.FailingResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** An unexpected failure is a 500 with the error body and nothing of its cause. */
@QuarkusTest
class ServerErrorTest extends ApiTestSupport {
  @Test
  void aServerErrorLeaksNoTraceOrDetail() {
    given()
        .get("/test-only/failure")
        .then()
        .statusCode(500)
        .contentType("application/json")
        .body("code", equalTo(500))
        .body("message", equalTo("Internal Server Error"))
        .body("$", not(hasKey("trace")))
        .body(not(containsString(FailingResource.MESSAGE)));
  }
}

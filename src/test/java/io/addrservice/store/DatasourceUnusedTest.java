package io.addrservice.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With another engine chosen, a datasource URL that is set is never used: the service starts and is
 * ready although no database listens there (a check of that database would be DOWN).
 */
@QuarkusTest
@TestProfile(DatasourceUnusedTest.MemoryWithDatasourceUrl.class)
class DatasourceUnusedTest {

  /** The memory engine, with a URL where nothing listens (port 1 refuses at once). */
  public static class MemoryWithDatasourceUrl implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "addrservice.store.kind", "memory",
          "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/none",
          "quarkus.datasource.username", "nobody");
    }
  }

  @Test
  void theServiceIsReadyWithoutTheDatabase() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("memory-store"));
    given()
        .contentType("application/json")
        .body("{\"full_name\": \"Ada\"}")
        .post("/addresses")
        .then()
        .statusCode(201);
  }
}

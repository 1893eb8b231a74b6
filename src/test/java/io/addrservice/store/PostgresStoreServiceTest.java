package io.addrservice.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The service on the postgresql store, configured only by the settings the README names (engine,
 * JDBC URL, user, password), against the database in {@code test.postgresql.url}; skipped, before
 * the application starts, when none is given.
 */
@QuarkusTest
@TestProfile(PostgresStoreServiceTest.OnPostgres.class)
@EnabledIf("io.addrservice.store.PostgresTestDatabase#isGiven")
class PostgresStoreServiceTest {
  private static final String HEALTH_CHECK = "checks.find { it.name == 'postgresql-store' }";

  /** The engine and the datasource settings, nothing else. */
  public static class OnPostgres implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> settings = new HashMap<>();
      settings.put("addrservice.store.kind", "postgresql");
      PostgresTestDatabase.given()
          .ifPresent(
              database -> {
                settings.put("quarkus.datasource.jdbc.url", database.url());
                settings.put("quarkus.datasource.username", database.user());
                settings.put("quarkus.datasource.password", database.password());
              });
      return settings;
    }
  }

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void readinessProbesTheDatabase() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(HEALTH_CHECK + ".status", equalTo("UP"))
        .body(HEALTH_CHECK + ".data.engine", equalTo("postgresql"))
        .body(
            HEALTH_CHECK + ".data.location",
            equalTo(PostgresStore.withoutCredentials(PostgresTestDatabase.given().get().url())));
  }

  @Test
  void entriesLiveInTheDatabase() {
    String location =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"full_name\": \"Grace Hopper\", \"emails\": [{\"kind\": \"work\","
                    + " \"email\": \"grace@navy.mil\"}]}")
            .post("/addresses")
            .then()
            .statusCode(201)
            .extract()
            .header("Location");
    String path = location.substring(location.indexOf("/addresses/"));
    String id = path.substring("/addresses/".length());
    given().get(path).then().statusCode(200).header("ETag", "\"1\"");
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"1\"")
        .body("{\"full_name\": \"Grace Brewster Hopper\"}")
        .put(path)
        .then()
        .statusCode(204);
    given()
        .contentType(ContentType.JSON)
        .header("If-Match", "\"1\"")
        .body("{\"full_name\": \"Lost Update\"}")
        .put(path)
        .then()
        .statusCode(412);
    given()
        .queryParam("q", "BREWSTER")
        .get("/addresses")
        .then()
        .statusCode(200)
        .body(id + ".full_name", equalTo("Grace Brewster Hopper"));
    given().header("If-Match", "\"2\"").delete(path).then().statusCode(204);
    given().get("/addresses").then().statusCode(200).body("keySet()", not(hasItem(id)));
  }
}

package io.addrservice.api.error;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When the store cannot write (its directory is gone), writes are 503 (an import's saying where it
 * stopped) and readiness is DOWN.
 */
@QuarkusTest
@TestProfile(StoreUnavailableTest.FileStoreProfile.class)
class StoreUnavailableTest {
  private static final Path DIR = Path.of("target", "store-unavailable-test-db");

  /** The file engine in a directory this test may delete. */
  public static class FileStoreProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      deleteRecursively(DIR);
      return Map.of("addrservice.store.kind", "file", "addrservice.store.file.dir", DIR.toString());
    }
  }

  @Test
  void aWriteTheStoreCannotMakeIs503AndReadinessGoesDown() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"before\"}")
        .post("/addresses")
        .then()
        .statusCode(201);
    given().get("/q/health/ready").then().statusCode(200);

    deleteRecursively(DIR);

    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"after\"}")
        .post("/addresses")
        .then()
        .statusCode(503)
        .statusLine("HTTP/1.1 503 Storage unavailable")
        .header("Retry-After", "5")
        .contentType("application/json")
        .body("code", equalTo(503))
        .body("message", equalTo("Storage unavailable"))
        .body(not(containsString(DIR.toString())));
    given()
        .contentType("application/x-ndjson")
        .body("{\"full_name\": \"one\"}\n{\"full_name\": \"two\"}\n".getBytes(UTF_8))
        .post("/addresses/import")
        .then()
        .statusCode(503)
        .header("Retry-After", "5")
        .body(
            "message",
            equalTo(
                "Storage unavailable: the import stopped at item 0; every item before it was"
                    + " stored or refused"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks[0].name", equalTo("file-store"))
        .body("checks[0].status", equalTo("DOWN"));
    given().get("/q/health/live").then().statusCode(200);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

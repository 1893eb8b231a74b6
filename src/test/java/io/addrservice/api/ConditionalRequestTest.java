package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ETags, If-None-Match and If-Match: no lost updates. */
@QuarkusTest
class ConditionalRequestTest extends ApiTestSupport {
  private static final int WRITERS = 16;
  private static final int ROUNDS = 5;

  @TestHTTPResource("/")
  URI root;

  @Test
  void everyWriteChangesTheEtag() {
    String location = create(ENTRY);
    given().get(location).then().header("ETag", "\"1\"");
    given().body(UPDATED_ENTRY).put(location).then().statusCode(204).header("ETag", "\"2\"");
    given().get(location).then().header("ETag", "\"2\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"1\"", "*", "\"7\", \"1\"", "W/\"1\""})
  void ifNoneMatchThatMatchesIs304WithNoBody(String header) {
    String location = create(ENTRY);
    given()
        .header("If-None-Match", header)
        .get(location)
        .then()
        .statusCode(304)
        .header("ETag", "\"1\"")
        .body(equalTo(""));
  }

  @Test
  void ifNoneMatchThatDoesNotMatchIs200() {
    String location = create(ENTRY);
    given()
        .header("If-None-Match", "\"2\"")
        .get(location)
        .then()
        .statusCode(200)
        .body("full_name", equalTo("Bill Gates"));
  }

  @Test
  void aStaleIfMatchIs412ForPutAndDelete() {
    String location = create(ENTRY);
    given()
        .header("If-Match", "\"1\"")
        .body(UPDATED_ENTRY)
        .put(location)
        .then()
        .statusCode(204)
        .header("ETag", "\"2\"");
    // A second writer that read version 1 too: its update would be lost, so it is refused.
    given()
        .header("If-Match", "\"1\"")
        .body(ENTRY)
        .put(location)
        .then()
        .statusCode(412)
        .statusLine(org.hamcrest.Matchers.startsWith("HTTP/1.1 412 Entry "))
        .contentType("application/json")
        .header("ETag", "\"2\"")
        .body("code", equalTo(412))
        .body("method", equalTo("PUT"))
        .body("uri", equalTo(location));
    given().header("If-Match", "\"1\"").delete(location).then().statusCode(412);
    given().header("If-Match", "W/\"2\"").delete(location).then().statusCode(412);
    assertEquals(JsonPath.from(UPDATED_ENTRY).getMap("$"), read(location));
    given().header("If-Match", "\"2\"").delete(location).then().statusCode(204);
  }

  @Test
  void ifMatchStarOrAListWithTheCurrentVersionWrites() {
    String location = create(ENTRY);
    given().header("If-Match", "*").body(ENTRY).put(location).then().statusCode(204);
    given()
        .header("If-Match", "\"9\", \"2\"")
        .body(ENTRY)
        .put(location)
        .then()
        .statusCode(204)
        .header("ETag", "\"3\"");
  }

  @Test
  void withoutIfMatchWritesAreUnconditional() {
    String location = create(ENTRY);
    given().body(UPDATED_ENTRY).put(location).then().statusCode(204);
    given().body(ENTRY).put(location).then().statusCode(204).header("ETag", "\"3\"");
    given().delete(location).then().statusCode(204);
  }

  @Test
  void ifMatchOnAnUnknownEntryIs404() {
    given()
        .header("If-Match", "\"1\"")
        .contentType(ContentType.JSON)
        .body(ENTRY)
        .put("/addresses/" + "0".repeat(32))
        .then()
        .statusCode(404);
  }

  @Test
  void concurrentConditionalWritersLoseNoUpdate() throws Exception {
    String location = create(ENTRY);
    URI entry = root.resolve(location);
    HttpClient client = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        CyclicBarrier allHaveRead = new CyclicBarrier(WRITERS);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
          String body = writerBody(round, writer);
          statuses.add(
              pool.submit(
                  () -> {
                    HttpResponse<String> read =
                        client.send(
                            HttpRequest.newBuilder(entry).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    String etag = read.headers().firstValue("ETag").orElseThrow();
                    allHaveRead.await(30, TimeUnit.SECONDS);
                    return client
                        .send(
                            HttpRequest.newBuilder(entry)
                                .header("If-Match", etag)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode();
                  }));
        }
        int written = 0;
        for (Future<Integer> status : statuses) {
          int code = status.get(60, TimeUnit.SECONDS);
          assertTrue(code == 204 || code == 412, "status " + code);
          written += code == 204 ? 1 : 0;
        }
        assertEquals(1, written, "writes accepted in round " + round);
        int version = round + 1;
        given().get(location).then().header("ETag", "\"" + version + "\"");
        String name = JsonPath.from(given().get(location).asString()).getString("full_name");
        Set<String> roundNames = new java.util.HashSet<>();
        for (int writer = 0; writer < WRITERS; writer++) {
          roundNames.add("round " + round + " writer " + writer);
        }
        assertTrue(roundNames.contains(name), name);
        int winner = Integer.parseInt(name.substring(name.lastIndexOf(' ') + 1));
        assertEquals(JsonPath.from(writerBody(round, winner)).getMap("$"), read(location));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A body unique to one writer, long enough that a torn write would show. */
  private static String writerBody(int round, int writer) {
    StringBuilder emails = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      emails
          .append(i == 0 ? "" : ",")
          .append("{\"kind\": \"home\", \"email\": \"w")
          .append(writer)
          .append("r")
          .append(round)
          .append("n")
          .append(i)
          .append("@example.org\"}");
    }
    return "{\"full_name\": \"round "
        + round
        + " writer "
        + writer
        + "\", \"addresses\": [], \"phone_numbers\": [], \"fax_numbers\": [], \"emails\": ["
        + emails
        + "]}";
  }
}

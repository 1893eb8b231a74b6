package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /addresses/changes}: pages, tokens and the event stream, over HTTP. */
@QuarkusTest
class SyncTest extends ApiTestSupport {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TestHTTPResource("/")
  URI base;

  @Test
  void aFullSyncPagesThroughEveryEntryWithLinkThenIncrementalSyncsSeeChangesAndDeletions() {
    List<String> paths = List.of(create(ENTRY), create(ENTRY), create(ENTRY));
    given().delete(paths.get(2)).then().statusCode(204);

    Response first = given().queryParam("limit", 1).get("/addresses/changes");
    first.then().statusCode(200).contentType("application/json");
    assertEquals(
        "</addresses/changes?since="
            + first.jsonPath().getString("next")
            + "&limit=1>; rel=\"next\"",
        first.header("Link"));
    SyncClient client = new SyncClient(HTTP);
    client.fullSync(base, 1);
    assertEquals(
        Map.of(paths.get(0).substring(11), 1L, paths.get(1).substring(11), 1L), client.copy());
    assertTrue(client.pages() >= 3, "one entry a page, then the last: " + client.pages());
    String synced = client.token();
    given()
        .queryParam("since", synced)
        .get("/addresses/changes")
        .then()
        .statusCode(200)
        .header("Link", nullValue())
        .body("changes", hasSize(0))
        .body("next", equalTo(synced));

    given()
        .contentType("application/json")
        .body(UPDATED_ENTRY)
        .put(paths.get(0))
        .then()
        .statusCode(204);
    given().delete(paths.get(1)).then().statusCode(204);
    given()
        .queryParam("since", synced)
        .get("/addresses/changes")
        .then()
        .statusCode(200)
        .header("Link", nullValue())
        .body("changes", hasSize(2))
        .body("changes[0].id", equalTo(paths.get(0).substring(11)))
        .body("changes[0].version", equalTo(2))
        .body("changes[0].entry.full_name", equalTo("William Henry Gates III"))
        .body(
            "changes[1]",
            equalTo(Map.of("id", paths.get(1).substring(11), "version", 1, "deleted", true)));
  }

  @Test
  void jsonIsTheDefaultAnswer() {
    given()
        .accept("*/*")
        .get("/addresses/changes")
        .then()
        .statusCode(200)
        .contentType("application/json");
    given().get("/addresses/changes").then().statusCode(200).contentType("application/json");
  }

  @Test
  void malformedAndForeignTokensAre400() {
    String token = given().get("/addresses/changes").jsonPath().getString("next");
    assertErrorBody(
            given().queryParam("since", "nonsense").get("/addresses/changes").then(),
            400,
            "Invalid change feed token",
            "GET",
            "/addresses/changes?since=nonsense")
        .body("errors[0].path", equalTo("since"))
        .body("errors[0].message", equalTo("is not a change feed token of this service"));
    byte[] raw = Base64.getUrlDecoder().decode(token);
    raw[3] ^= 1;
    String foreign = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertErrorBody(
            given().queryParam("since", foreign).get("/addresses/changes").then(),
            400,
            "Invalid change feed token",
            "GET",
            "/addresses/changes?since=" + foreign)
        .body(
            "errors[0].message",
            equalTo("is a token of another store: sync again without since to start afresh"));
    assertErrorBody(
            given()
                .accept("text/event-stream")
                .header("Last-Event-ID", "nonsense")
                .get("/addresses/changes")
                .then(),
            400,
            "Invalid change feed token",
            "GET",
            "/addresses/changes")
        .body("errors[0].path", equalTo("Last-Event-ID"));
    assertErrorBody(
        given().queryParam("limit", 0).get("/addresses/changes").then(),
        400,
        "Invalid query parameter",
        "GET",
        "/addresses/changes?limit=0");
  }

  @Test
  void otherMethodsAre405WithAllow() {
    given()
        .delete("/addresses/changes")
        .then()
        .statusCode(405)
        .header("Allow", equalTo("GET, HEAD, OPTIONS"));
    given()
        .options("/addresses/changes")
        .then()
        .statusCode(200)
        .header("Allow", "GET, HEAD, OPTIONS");
  }

  @Test
  void theStreamStartsWithAFullSyncFollowsWritesAndResumesWithLastEventId() throws Exception {
    String kept = create(ENTRY);
    String gone = create(ENTRY);
    try (SyncClient.EventStream stream = new SyncClient.EventStream(HTTP, base, null)) {
      assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.events() == 2));
      String afterTwo = stream.lastEventId();
      given().delete(gone).then().statusCode(204);
      String added = create(UPDATED_ENTRY);
      assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.events() == 4));
      assertEquals(
          Map.of(kept.substring(11), 1L, added.substring(11), 1L), Map.copyOf(stream.copy()));

      stream.reconnect();
      given().contentType("application/json").body(ENTRY).put(added).then().statusCode(204);
      assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.events() == 5));
      assertEquals(2L, stream.copy().get(added.substring(11)));
      assertNull(stream.failure());

      // From a token through the stream: the same changes as a page would give.
      try (SyncClient.EventStream from = new SyncClient.EventStream(HTTP, base, afterTwo)) {
        assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> from.events() == 2));
      }
      given()
          .get("/q/metrics")
          .then()
          .statusCode(200)
          .body(containsString("addrservice_changes_streams"))
          .body(containsString("uri=\"/addresses/changes\""))
          .body(containsString("addrservice_changes_served_total{via=\"stream\"}"));
    }
  }

  @Test
  void aMergeReachesAnOpenStreamAsOneUpdateAndTheDeletionOfItsSource() throws Exception {
    String target = create(ENTRY);
    String source = create(UPDATED_ENTRY);
    try (SyncClient.EventStream stream = new SyncClient.EventStream(HTTP, base, null)) {
      assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.events() == 2));
      String etag =
          given()
              .contentType("application/json")
              .body("{\"from\": [\"" + source.substring(11) + "\"]}")
              .post(target + "/merge")
              .then()
              .statusCode(200)
              .extract()
              .header("ETag");
      long merged = Long.parseLong(etag.replace("\"", ""));
      // No other write follows: the merge itself must wake the stream.
      assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.events() == 4));
      assertEquals(Map.of(target.substring(11), merged), Map.copyOf(stream.copy()));
      assertNull(stream.failure());
    }
  }

  @Test
  void underConcurrentWritersPagesAndStreamEndEqualToTheBook() throws Exception {
    SyncGuarantee.run(HTTP, List.of(base), base, base, System.nanoTime(), Duration.ZERO);
  }
}

package io.addrservice.api.http;

import static io.addrservice.api.http.Tokens.WRITE;
import static io.addrservice.api.http.Tokens.as;
import static io.addrservice.api.http.Tokens.create;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.SyncClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mode jwt: a change feed, paged or streamed, shows only the caller's own book. */
@QuarkusTest
@TestProfile(JwtModeProfile.class)
class SyncIsolationTest {
  private static final String ENTRY = "{\"full_name\": \"Grace Hopper\"}";

  private final String ownerA = Tokens.newOwner();
  private final String ownerB = Tokens.newOwner();
  private final String tokenA = Tokens.token(ownerA, WRITE);
  private final String tokenB = Tokens.token(ownerB, WRITE);

  @TestHTTPResource("/")
  URI base;

  private static JsonPath changes(String token, String since) {
    return as(token)
        .queryParam("since", since == null ? "" : since)
        .get("/addresses/changes")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String id(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Test
  void eachOwnerSyncsOnlyItsOwnBookAndCannotUseAnotherOwnersToken() {
    String a1 = create(tokenA, ENTRY);
    String a2 = create(tokenA, ENTRY);
    String b1 = create(tokenB, ENTRY);
    JsonPath ofA = changes(tokenA, null);
    assertEquals(List.of(id(a1), id(a2)), ofA.getList("changes.id"));
    JsonPath ofB = changes(tokenB, null);
    assertEquals(List.of(id(b1)), ofB.getList("changes.id"));

    as(tokenB).delete(b1).then().statusCode(204);
    assertEquals(List.of(), changes(tokenA, ofA.getString("next")).getList("changes"));
    assertEquals(List.of(id(b1)), changes(tokenB, ofB.getString("next")).getList("changes.id"));

    as(tokenB)
        .queryParam("since", ofA.getString("next"))
        .get("/addresses/changes")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid change feed token"))
        .body("errors[0].path", equalTo("since"))
        .body("errors[0].message", equalTo("is a token of another book"));
  }

  @Test
  void aStreamWithoutATokenIsRefusedAndAStreamShowsOnlyTheCallersWrites() throws Exception {
    as("not-a-token").accept("text/event-stream").get("/addresses/changes").then().statusCode(401);
    String a1 = create(tokenA, ENTRY);
    try (SyncClient.EventStream stream =
        new SyncClient.EventStream(
            HttpClient.newHttpClient(), base, null, "Authorization", Tokens.bearer(tokenA))) {
      assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.events() == 1));
      create(tokenB, ENTRY);
      String a2 = create(tokenA, ENTRY);
      assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.events() == 2));
      create(tokenB, ENTRY);
      // A later write of A's, so that a B change sent in between would have shown by now.
      String a3 = create(tokenA, ENTRY);
      assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.events() == 3));
      assertEquals(Map.of(id(a1), 1L, id(a2), 1L, id(a3), 1L), Map.copyOf(stream.copy()));
    }
  }
}

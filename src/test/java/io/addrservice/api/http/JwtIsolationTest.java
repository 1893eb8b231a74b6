package io.addrservice.api.http;

import static io.addrservice.api.ApiTestSupport.assertErrorBody;
import static io.addrservice.api.http.Tokens.READ;
import static io.addrservice.api.http.Tokens.WRITE;
import static io.addrservice.api.http.Tokens.as;
import static io.addrservice.api.http.Tokens.create;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.error.AccessErrorMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mode jwt: each owner has a private book. Owner B cannot see, change, delete, page over, search or
 * If-Match owner A's entries, and A's id is to B exactly what an unknown id is.
 */
@QuarkusTest
@TestProfile(JwtModeProfile.class)
class JwtIsolationTest {
  private static final String ENTRY = "{\"full_name\": \"Grace Hopper\"}";
  private static final String CHANGED = "{\"full_name\": \"Grace Brewster Murray Hopper\"}";

  private final String ownerA = Tokens.newOwner();
  private final String ownerB = Tokens.newOwner();
  private final String tokenA = Tokens.token(ownerA, WRITE);
  private final String tokenB = Tokens.token(ownerB, WRITE);

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private static Map<String, Object> listing(String token, String query) {
    return as(token)
        .get("/addresses" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("$");
  }

  @Test
  void anotherOwnersIdIsAnUnknownId() {
    String path = create(tokenA, ENTRY);
    String id = path.substring(path.lastIndexOf('/') + 1);
    String unknownId = "f".repeat(32);
    String unknownPath = "/addresses/" + unknownId;
    // The answers B gets for A's id, each compared with the answer for an id that does not exist.
    List<String> methods = List.of("GET", "PUT", "DELETE");
    for (String method : methods) {
      for (String ifMatch : new String[] {null, "\"1\"", "*"}) {
        Response mine = send(as(tokenB), method, path, ifMatch);
        Response unknown = send(as(tokenB), method, unknownPath, ifMatch);
        assertEquals(404, mine.statusCode(), method + " " + ifMatch);
        assertEquals(
            unknown.statusLine().replace(unknownId, id), mine.statusLine(), method + " " + ifMatch);
        assertEquals(
            unknown.asString().replace(unknownId, id), mine.asString(), method + " " + ifMatch);
        assertEquals(unknown.header("ETag"), mine.header("ETag"));
      }
    }
    // If-None-Match with A's version: still 404, never a 304 that would confirm the entry.
    as(tokenB).header("If-None-Match", "\"1\"").get(path).then().statusCode(404);
    // A's entry is untouched, at its first version.
    as(tokenA)
        .get(path)
        .then()
        .statusCode(200)
        .header("ETag", "\"1\"")
        .body("full_name", equalTo("Grace Hopper"));
  }

  @Test
  void listingPagingAndSearchShowOnlyTheCallersEntries() {
    List<String> idsOfA = new ArrayList<>();
    List<String> idsOfB = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      idsOfA.add(idOf(create(tokenA, ENTRY)));
      idsOfB.add(idOf(create(tokenB, "{\"full_name\": \"Katherine Johnson " + i + "\"}")));
    }
    assertEquals(idsOfA, new ArrayList<>(listing(tokenA, "").keySet()));
    assertEquals(idsOfB, new ArrayList<>(listing(tokenB, "").keySet()));
    // Search: A's name is not found in B's book, nor B's in A's.
    assertTrue(listing(tokenB, "?q=hopper").isEmpty());
    assertTrue(listing(tokenA, "?q=katherine").isEmpty());
    assertEquals(3, listing(tokenB, "?q=katherine").size());
    // Paging: one entry a page, after ids of either owner, never reaches A's entries.
    List<String> paged = new ArrayList<>();
    String next = "/addresses?limit=1";
    while (next != null) {
      Response page = as(tokenB).get(next);
      page.then().statusCode(200);
      paged.addAll(page.jsonPath().getMap("$").keySet().stream().map(String::valueOf).toList());
      String link = page.header("Link");
      next = link == null ? null : link.substring(1, link.indexOf('>'));
    }
    assertEquals(idsOfB, paged);
    assertTrue(
        listing(tokenB, "?after=" + idsOfA.get(0)).keySet().containsAll(idsOfB.subList(1, 3)));
    assertTrue(
        listing(tokenB, "?after=" + idsOfA.get(0)).keySet().stream().noneMatch(idsOfA::contains));
  }

  @Test
  void duplicatesAndMergesStayInTheCallersBook() {
    String a1 = idOf(create(tokenA, ENTRY));
    String a2 = idOf(create(tokenA, ENTRY));
    String b1 = idOf(create(tokenB, ENTRY));
    // The same person in both books: each owner sees only its own pair.
    as(tokenA)
        .get("/addresses/duplicates")
        .then()
        .statusCode(200)
        .body("groups.ids", equalTo(List.of(List.of(a1, a2))));
    as(tokenB)
        .get("/addresses/duplicates")
        .then()
        .statusCode(200)
        .body("groups", equalTo(List.of()));
    // B cannot merge A's entry into its own, nor into A's: A's id is an unknown id.
    String mergeA = "{\"from\": [\"" + a1 + "\"]}";
    assertErrorBody(
        as(tokenB)
            .contentType("application/json")
            .body(mergeA)
            .post("/addresses/" + b1 + "/merge")
            .then(),
        404,
        "Entry " + a1 + " not found",
        "POST",
        "/addresses/" + b1 + "/merge");
    as(tokenB)
        .contentType("application/json")
        .body("{\"from\": [\"" + b1 + "\"]}")
        .post("/addresses/" + a2 + "/merge")
        .then()
        .statusCode(404);
    // Reading duplicates needs the read role; merging, the write role.
    String readerA = Tokens.token(ownerA, READ);
    as(readerA).get("/addresses/duplicates").then().statusCode(200);
    assertErrorBody(
        as(readerA)
            .contentType("application/json")
            .body(mergeA)
            .post("/addresses/" + a2 + "/merge")
            .then(),
        403,
        AccessErrorMappers.MISSING_ROLE + WRITE,
        "POST",
        "/addresses/" + a2 + "/merge");
    as(tokenA)
        .contentType("application/json")
        .body(mergeA)
        .post("/addresses/" + a2 + "/merge")
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
    as(tokenB).get("/addresses/" + b1).then().statusCode(200).header("ETag", "\"1\"");
  }

  @Test
  void aReaderSeesOnlyItsOwnBook() {
    String path = create(tokenA, ENTRY);
    String reader = Tokens.token(ownerB, READ);
    as(reader).get(path).then().statusCode(404);
    assertTrue(listing(reader, "").isEmpty());
    // The same owner with the read role alone reads what it wrote with the write role.
    as(Tokens.token(ownerA, READ)).get(path).then().statusCode(200);
  }

  @Test
  void aTokenThatNamesNoOwnerIsRefused() {
    String noSubject =
        Tokens.sign(
            io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .upn("nobody@example.test")
                .groups(java.util.Set.of(READ, WRITE))
                .expiresIn(300));
    for (String method : List.of("GET", "POST")) {
      assertErrorBody(
              send(as(noSubject), method, "/addresses", null).then(),
              401,
              AccessErrorMappers.INVALID_TOKEN,
              method,
              "/addresses")
          .header("Location", nullValue());
    }
  }

  private static Response send(
      RequestSpecification request, String method, String path, String ifMatch) {
    if (ifMatch != null) {
      request = request.header("If-Match", ifMatch);
    }
    return request.body(CHANGED).request(method, path);
  }

  private static String idOf(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}

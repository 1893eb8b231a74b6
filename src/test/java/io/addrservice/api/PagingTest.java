package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keyset paging with the Link header, bounds of the parameters, and search. */
@QuarkusTest
class PagingTest extends ApiTestSupport {
  private static final Pattern NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

  @Test
  void linkFollowsThrough250EntriesInCreationOrder() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      created.add(idOf(create("{\"full_name\": \"Person " + i + "\"}")));
    }
    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String next = "/addresses";
    while (next != null) {
      Response page = given().urlEncodingEnabled(false).get(next);
      page.then().statusCode(200);
      Map<String, Object> entries = page.jsonPath().getMap("$");
      pageSizes.add(entries.size());
      seen.addAll(entries.keySet());
      next = nextLink(page);
    }
    assertEquals(created, seen);
    assertEquals(List.of(100, 100, 50), pageSizes);
  }

  @Test
  void theLinkCarriesLimitAndQuery() {
    for (int i = 0; i < 3; i++) {
      create("{\"full_name\": \"Ann Smith " + i + "\"}");
      create("{\"full_name\": \"Bob " + i + "\"}");
    }
    Response first = given().queryParam("limit", 2).queryParam("q", "ann smith").get("/addresses");
    first.then().statusCode(200).body("size()", equalTo(2));
    String link = nextLink(first);
    assertTrue(link.matches("/addresses\\?after=[0-9a-f]{32}&limit=2&q=ann%20smith"), link);
    Response second = given().urlEncodingEnabled(false).get(link);
    second.then().statusCode(200).body("size()", equalTo(1));
    assertNull(nextLink(second));
  }

  @Test
  void noLinkWhenNothingFollows() {
    create(ENTRY);
    create(ENTRY);
    given().queryParam("limit", 2).get("/addresses").then().header("Link", nullValue());
    given().get("/addresses").then().header("Link", nullValue());
  }

  @Test
  void afterMayNameADeletedEntry() {
    String first = create(ENTRY);
    String second = create(ENTRY);
    given().delete(first).then().statusCode(204);
    Map<String, Object> page =
        given().queryParam("after", idOf(first)).get("/addresses").jsonPath().getMap("$");
    assertEquals(List.of(idOf(second)), List.copyOf(page.keySet()));
  }

  @ParameterizedTest
  @CsvSource({
    "limit, 0",
    "limit, 1001",
    "limit, -5",
    "limit, abc",
    "limit, 1.5",
    "after, nope",
    "after, 0190F8A1B2C37D4E8F90A1B2C3D4E5F6"
  })
  void aMalformedOrOutOfRangeParameterIs400(String name, String value) {
    given()
        .queryParam(name, value)
        .get("/addresses")
        .then()
        .statusCode(400)
        .statusLine("HTTP/1.1 400 Invalid query parameter")
        .contentType("application/json")
        .body("code", equalTo(400))
        .body("message", equalTo("Invalid query parameter"))
        .body("errors.path", hasItem(name));
  }

  @Test
  void limitBoundsAreInclusive() {
    given().queryParam("limit", 1).get("/addresses").then().statusCode(200);
    given().queryParam("limit", 1000).get("/addresses").then().statusCode(200);
  }

  @Test
  void searchByNameAndByEmailIgnoringCase() {
    String ada =
        create(
            "{\"full_name\": \"Ada Lovelace\", \"emails\": [{\"kind\": \"home\","
                + " \"email\": \"ada@analytical.org\"}]}");
    String charles =
        create(
            "{\"full_name\": \"Charles Babbage\", \"emails\": [{\"kind\": \"work\","
                + " \"email\": \"cb@ANALYTICAL.org\"}]}");
    create("{\"full_name\": \"Grace Hopper\"}");
    assertEquals(List.of(idOf(ada)), ids("LOVELACE"));
    assertEquals(List.of(idOf(ada), idOf(charles)), ids("analytical"));
    assertEquals(List.of(idOf(charles)), ids("cb@"));
    assertEquals(List.of(), ids("nobody"));
  }

  @Test
  void sqlAndPatternCharactersInTheQueryAreHarmless() {
    String odd = create("{\"full_name\": \"100% O'Brien_\\\\x\"}");
    create("{\"full_name\": \"Plain\"}");
    assertEquals(List.of(idOf(odd)), ids("%"));
    assertEquals(List.of(idOf(odd)), ids("_"));
    assertEquals(List.of(idOf(odd)), ids("o'brien"));
    assertEquals(List.of(idOf(odd)), ids("\\"));
    assertEquals(List.of(), ids("'; DROP TABLE entries; --"));
    assertEquals(List.of(), ids("' OR '1'='1"));
    given().get("/addresses").then().body("size()", equalTo(2));
  }

  private static List<String> ids(String q) {
    return List.copyOf(
        given()
            .queryParam("q", q)
            .get("/addresses")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .<String, Object>getMap("$")
            .keySet());
  }

  private static String idOf(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String nextLink(Response page) {
    String header = page.header("Link");
    if (header == null) {
      return null;
    }
    Matcher matcher = NEXT.matcher(header);
    assertTrue(matcher.matches(), header);
    return matcher.group(1);
  }
}

package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /addresses/duplicates and POST /addresses/{id}/merge over HTTP, error bodies included. */
@QuarkusTest
class DuplicatesTest extends ApiTestSupport {
  private static final String ANN =
      """
      {"full_name": "Ann Lee", "emails": [{"kind": "home", "email": "ann@example.org"}],
       "phone_numbers": [{"kind": "home", "country_code": 44, "area_code": 20,
                          "local_number": 79460000}]}
      """;
  private static final String ANN_WORK =
      """
      {"full_name": "Annie L.", "emails": [{"kind": "work", "email": "ANN@Example.org"},
                                           {"kind": "work", "email": "ann@work.example"}],
       "fax_numbers": [{"kind": "work", "country_code": 44, "local_number": 5550000}],
       "addresses": [{"kind": "work", "street_name": "High St", "pincode": "N1",
                      "country": "UK"}]}
      """;
  private static final String ANN_ACCENTED =
      """
      {"full_name": "  ÁNNIE-L ", "phone_numbers": [{"kind": "work", "country_code": 1,
                                                     "local_number": 5551234}]}
      """;
  private static final String BOB = "{\"full_name\": \"Bob\"}";
  private static final String BOB_AGAIN = "{\"full_name\": \"B.O.B.\"}";
  private static final String CAROL = "{\"full_name\": \"Carol\"}";

  private static String id(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String mergeBody(String... ids) {
    return "{\"from\": [\"" + String.join("\", \"", ids) + "\"]}";
  }

  @Test
  void groupsAreClosedUnderTheReasonsAndPagedByTheirFirstId() {
    String ann = id(create(ANN));
    String annWork = id(create(ANN_WORK));
    String annAccented = id(create(ANN_ACCENTED));
    String bob = id(create(BOB));
    String bobAgain = id(create(BOB_AGAIN));
    create(CAROL);

    JsonPath all = given().get("/addresses/duplicates").then().statusCode(200).extract().jsonPath();
    assertEquals(
        List.of(List.of(ann, annWork, annAccented), List.of(bob, bobAgain)),
        all.getList("groups.ids"));
    List<Map<String, Object>> reasons = all.getList("groups[0].reasons");
    assertEquals(
        List.of(
            Map.of("kind", "email", "value", "ann@example.org", "ids", List.of(ann, annWork)),
            Map.of("kind", "name", "value", "anniel", "ids", List.of(annWork, annAccented))),
        reasons);
    assertEquals(
        List.of(Map.of("kind", "name", "value", "bob", "ids", List.of(bob, bobAgain))),
        all.getList("groups[1].reasons"));

    Response first = given().queryParam("limit", 1).get("/addresses/duplicates");
    first
        .then()
        .statusCode(200)
        .body("groups.size()", equalTo(1))
        .header("Link", "</addresses/duplicates?after=" + ann + "&limit=1>; rel=\"next\"");
    given()
        .queryParam("limit", 1)
        .queryParam("after", ann)
        .get("/addresses/duplicates")
        .then()
        .statusCode(200)
        .header("Link", nullValue())
        .body("groups[0].ids", equalTo(List.of(bob, bobAgain)));
    assertErrorBody(
            given().queryParam("limit", 0).get("/addresses/duplicates").then(),
            400,
            "Invalid query parameter",
            "GET",
            "/addresses/duplicates?limit=0")
        .body("errors[0].path", equalTo("limit"));
  }

  @Test
  void aMergeFoldsTheSourcesIntoTheTargetWithoutRepeatsAndDeletesThem() {
    String ann = id(create(ANN));
    String annWork = id(create(ANN_WORK));
    String annAccented = id(create(ANN_ACCENTED));

    JsonPath merged =
        given()
            .contentType(ContentType.JSON)
            .header("If-Match", "\"1\"")
            .body(
                "{\"from\": [\""
                    + annWork
                    + "\", {\"id\": \""
                    + annAccented
                    + "\", \"version\": 1}]}")
            .post("/addresses/" + ann + "/merge")
            .then()
            .statusCode(200)
            .header("ETag", "\"2\"")
            .contentType("application/json")
            .extract()
            .jsonPath();
    assertEquals("Ann Lee", merged.getString("full_name"));
    assertEquals(List.of("ann@example.org", "ann@work.example"), merged.getList("emails.email"));
    assertEquals(List.of(79460000, 5551234), merged.getList("phone_numbers.local_number"));
    assertEquals(List.of(5550000), merged.getList("fax_numbers.local_number"));
    assertEquals(List.of("High St"), merged.getList("addresses.street_name"));
    assertEquals(merged.getMap("$"), read("/addresses/" + ann));
    given().get("/addresses/" + annWork).then().statusCode(404);
    given().get("/addresses/" + annAccented).then().statusCode(404);
    given().get("/addresses/duplicates").then().statusCode(200).body("groups.size()", equalTo(0));
  }

  @Test
  void aMergeThatCannotHappenChangesNothingAndSaysWhy() {
    String ann = id(create(ANN));
    String annWork = id(create(ANN_WORK));
    String unknown = "f".repeat(32);
    String uri = "/addresses/" + ann + "/merge";

    assertErrorBody(
        post(ann, mergeBody(annWork, unknown), null).then(),
        404,
        "Entry " + unknown + " not found",
        "POST",
        uri);
    assertErrorBody(
        post(unknown, mergeBody(annWork), null).then(),
        404,
        "Entry " + unknown + " not found",
        "POST",
        "/addresses/" + unknown + "/merge");
    assertErrorBody(
            post(ann, mergeBody(annWork), "\"7\"").then(),
            412,
            "Entry " + ann + " has changed (If-Match does not match)",
            "POST",
            uri)
        .header("ETag", "\"1\"");
    assertErrorBody(
            post(ann, "{\"from\": [{\"id\": \"" + annWork + "\", \"version\": 2}]}", null).then(),
            412,
            "Entry " + annWork + " has changed (it is at version 1)",
            "POST",
            uri)
        .header("ETag", nullValue());
    assertErrorBody(
            post(ann, mergeBody(annWork, ann), null).then(),
            400,
            "Invalid merge request",
            "POST",
            uri)
        .body(
            "errors",
            equalTo(
                List.of(
                    Map.of(
                        "path", "$.from[1]", "message", "must not be the target of the merge"))));
    assertErrorBody(
            post(ann, mergeBody(annWork, annWork), null).then(),
            400,
            "Invalid merge request",
            "POST",
            uri)
        .body("errors[0].path", equalTo("$.from[1]"));
    assertErrorBody(
            post(ann, "{\"from\": [], \"into\": 1}", null).then(),
            400,
            "Invalid merge request",
            "POST",
            uri)
        .body("errors.path", equalTo(List.of("$.from", "$.into")));
    assertErrorBody(
            post(ann, "{\"from\": [{\"version\": 0}, 3]}", null).then(),
            400,
            "Invalid merge request",
            "POST",
            uri)
        .body("errors.path", equalTo(List.of("$.from[0].id", "$.from[0].version", "$.from[1]")));
    assertErrorBody(post(ann, "{\"from\": ", null).then(), 400, "Invalid JSON body", "POST", uri);
    assertErrorBody(
        post(ann, mergeBody(annWork), "").then(), 400, "Invalid request header", "POST", uri);

    given().get("/addresses/" + ann).then().statusCode(200).header("ETag", "\"1\"");
    given().get("/addresses/" + annWork).then().statusCode(200).header("ETag", "\"1\"");
  }

  @Test
  void theNewPathsAnswerTheirMethodsOnly() {
    String ann = id(create(ANN));
    given()
        .put("/addresses/duplicates")
        .then()
        .statusCode(405)
        .header("Allow", "GET, HEAD, OPTIONS");
    given()
        .get("/addresses/" + ann + "/merge")
        .then()
        .statusCode(405)
        .header("Allow", "POST, OPTIONS");
    given().get("/addresses/" + ann + "/merge").then().body("code", equalTo(405));
    assertNull(given().get("/addresses/duplicates").header("Link"));
    given()
        .options("/addresses/duplicates")
        .then()
        .statusCode(200)
        .header("Allow", "GET, HEAD, OPTIONS");
    given()
        .options("/addresses/" + ann + "/merge")
        .then()
        .statusCode(200)
        .header("Allow", "POST, OPTIONS");
  }

  private static Response post(String target, String body, String ifMatch) {
    var request = given().contentType(ContentType.JSON).body(body);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return request.post("/addresses/" + target + "/merge");
  }
}

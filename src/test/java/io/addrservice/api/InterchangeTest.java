package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.JsonMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** vCard and JSContact by Accept and Content-Type, and JSON Merge Patch, over HTTP. */
@QuarkusTest
class InterchangeTest extends ApiTestSupport {
  private static final String VCARD_UTF8 = "text/vcard; charset=utf-8";
  private static final String MERGE_PATCH = "application/merge-patch+json";

  /** A card as an iPhone exports it, with parts an entry cannot keep. */
  private static final String IPHONE_CARD =
      """
      BEGIN:VCARD\r
      VERSION:3.0\r
      N:Müller;Jürgen;;;\r
      FN:Jürgen Müller\r
      ORG:Beispiel GmbH;\r
      TEL;type=CELL;type=VOICE;type=pref:+49 171 1234567\r
      TEL;type=WORK;type=VOICE:+49 30 1234567\r
      item1.ADR;type=HOME;type=pref:;;Hauptstraße 5;Berlin;;10115;Deutschl\r
       and\r
      item1.X-ABADR:de\r
      EMAIL;type=INTERNET;type=HOME:juergen@example.de\r
      END:VCARD\r
      """;

  private final ObjectMapper mapper = JsonMapping.newMapper();

  @Test
  void aVCardPostedIsStoredAsItsEntryAndWhatWasDroppedIsNamed() throws IOException {
    io.restassured.response.ExtractableResponse<io.restassured.response.Response> created =
        given()
            .contentType(VCARD_UTF8)
            .body(IPHONE_CARD)
            .post("/addresses")
            .then()
            .statusCode(201)
            .extract();
    assertEquals(
        java.util.List.of(
            "ADR 1: TYPE pref not kept",
            "TEL 1: TYPE cell,pref not kept",
            "TEL 1: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "N: not kept (an entry has no field for it)",
            "ORG: not kept (an entry has no field for it)",
            "item1.X-ABADR: not kept (an entry has no field for it)"),
        created.headers().getValues("Card-Dropped"));
    String location = created.header("Location");
    assertJson(
        """
        {"full_name":"Jürgen Müller",
         "addresses":[{"kind":"home","street_name":"Hauptstraße 5","city":"Berlin",
                       "pincode":"10115","country":"Deutschland"}],
         "phone_numbers":[{"kind":"work","country_code":49,"area_code":30,"local_number":1234567}],
         "fax_numbers":[],"emails":[{"kind":"home","email":"juergen@example.de"}]}
        """,
        given().get(location).then().statusCode(200).extract().asString());
  }

  @Test
  void anEntryReadsBackExactlyThroughEveryRepresentation() throws IOException {
    for (String type :
        new String[] {"text/vcard", "text/vcard;version=3.0", "application/jscontact+json"}) {
      String location = create(ENTRY);
      String card =
          given()
              .accept(type)
              .get(location)
              .then()
              .statusCode(200)
              .header("ETag", "\"1\"")
              .header("Content-Type", startsWith(type.startsWith("text") ? "text/vcard" : type))
              .extract()
              .asString();
      given()
          .contentType(type.startsWith("text") ? VCARD_UTF8 : type)
          .body(card)
          .put(location)
          .then()
          .statusCode(204)
          .header("Card-Dropped", (String) null);
      assertJson(ENTRY, given().get(location).then().extract().asString());
    }
  }

  @Test
  void aVCardNamesTheEntryByUidAndTheVersionByContentType() {
    String location = create(ENTRY);
    String id = location.substring(location.lastIndexOf('/') + 1);
    String uuid = id.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
    given()
        .accept("text/vcard;version=3.0")
        .get(location)
        .then()
        .statusCode(200)
        .header("Content-Type", equalTo("text/vcard;charset=utf-8;version=3.0"))
        .header("Vary", containsString("Accept"))
        .body(containsString("VERSION:3.0\r\n"), containsString("UID:urn:uuid:" + uuid + "\r\n"));
    given()
        .accept("application/jscontact+json")
        .get(location)
        .then()
        .statusCode(200)
        .body("uid", equalTo("urn:uuid:" + uuid), "name.full", equalTo("Bill Gates"));
  }

  @Test
  void anAcceptThatNamesNoRepresentationIs406WithTheErrorBody() {
    String location = create(ENTRY);
    given()
        .accept("image/png")
        .get(location)
        .then()
        .statusCode(406)
        .contentType(ContentType.JSON)
        .body("code", equalTo(406), "message", equalTo("Not Acceptable"));
  }

  @Test
  void aVCardBodyWithoutACardIsInvalidCardBody() {
    given()
        .contentType(VCARD_UTF8)
        .body("FN:No card around me\r\n")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("Invalid card body"),
            "errors[0].path",
            equalTo("$"),
            "errors[0].message",
            equalTo("the body holds no vCard (BEGIN:VCARD to END:VCARD)"));
  }

  @Test
  void aCardThatMapsToAnInvalidEntryIsRefusedWithTheSchemaPaths() {
    given()
        .contentType(VCARD_UTF8)
        .body("BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL;TYPE=home:not-an-address\r\nEND:VCARD\r\n")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("JSON Schema validation failed"),
            "errors.path",
            hasItems("$.full_name", "$.emails[0].email"));
  }

  @Test
  void aMergePatchChangesOnlyWhatItNames() throws IOException {
    String location = create(ENTRY);
    given()
        .contentType(MERGE_PATCH)
        .body("{\"full_name\": \"William H. Gates\", \"fax_numbers\": null}")
        .patch(location)
        .then()
        .statusCode(204)
        .header("ETag", "\"2\"");
    JsonNode expected = mapper.readTree(ENTRY);
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected)
        .put("full_name", "William H. Gates")
        .putArray("fax_numbers");
    assertJson(expected.toString(), given().get(location).then().extract().asString());
  }

  @Test
  void aMergePatchThatBreaksTheSchemaIs400AndChangesNothing() throws IOException {
    String location = create(ENTRY);
    given()
        .contentType(MERGE_PATCH)
        .body("{\"full_name\": null, \"emails\": [{\"kind\": \"other\"}], \"age\": 3}")
        .patch(location)
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo("JSON Schema validation failed"),
            "errors.path",
            equalTo(
                java.util.List.of(
                    "$.age", "$.emails[0].email", "$.emails[0].kind", "$.full_name")));
    assertJson(ENTRY, given().get(location).then().header("ETag", "\"1\"").extract().asString());
  }

  @Test
  void aMergePatchHonoursIfMatch() {
    String location = create(ENTRY);
    given()
        .contentType(MERGE_PATCH)
        .header("If-Match", "\"7\"")
        .body("{\"full_name\": \"Late\"}")
        .patch(location)
        .then()
        .statusCode(412)
        .header("ETag", "\"1\"")
        .body("code", equalTo(412));
    given()
        .contentType(MERGE_PATCH)
        .header("If-Match", "\"1\"")
        .body("{\"full_name\": \"On time\"}")
        .patch(location)
        .then()
        .statusCode(204)
        .header("ETag", "\"2\"");
    given().get(location).then().body("full_name", equalTo("On time"));
  }

  @Test
  void anyOtherPatchTypeIs415AndAnUnknownIdIs404() {
    String location = create(ENTRY);
    given()
        .contentType("application/json-patch+json")
        .body("[{\"op\": \"remove\", \"path\": \"/emails\"}]")
        .patch(location)
        .then()
        .statusCode(415)
        .body("code", equalTo(415), "message", equalTo("Unsupported Media Type"));
    given()
        .contentType(MERGE_PATCH)
        .body("{}")
        .patch("/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6")
        .then()
        .statusCode(404)
        .body("code", equalTo(404));
    given()
        .options(location)
        .then()
        .statusCode(200)
        .header("Allow", equalTo("GET, HEAD, PUT, PATCH, DELETE, OPTIONS"))
        .header("Accept-Patch", equalTo(MERGE_PATCH));
  }

  private void assertJson(String expected, String actual) throws IOException {
    assertEquals(mapper.readTree(expected), mapper.readTree(actual));
  }
}

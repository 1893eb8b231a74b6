package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.JsonMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /addresses/export} and {@code POST /addresses/import}. */
@QuarkusTest
class BookTransferTest extends ApiTestSupport {
  private static final String NDJSON = "application/x-ndjson";
  private final ObjectMapper mapper = JsonMapping.newMapper();

  @Test
  void reimportingAnExportChangesNothingInEitherFormat() throws IOException {
    create(ENTRY);
    create(UPDATED_ENTRY);
    create("{\"full_name\": \"Ada\"}");
    Map<String, Object> before = book();
    for (String type : new String[] {NDJSON, "text/vcard", "text/vcard;version=3.0"}) {
      String export =
          given().accept(type).get("/addresses/export").then().statusCode(200).extract().asString();
      given()
          .contentType(type.startsWith("text") ? type + ";charset=utf-8" : type)
          .body(export.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .post("/addresses/import")
          .then()
          .statusCode(200)
          .body(
              "created", equalTo(0),
              "updated", equalTo(0),
              "unchanged", equalTo(3),
              "failed", equalTo(List.of()),
              "dropped", equalTo(List.of()));
      assertEquals(before, book());
    }
  }

  @Test
  void anNdjsonExportIsOneLinePerEntryInIdOrder() throws IOException {
    String first = create(ENTRY);
    String second = create(UPDATED_ENTRY);
    String[] lines =
        given()
            .get("/addresses/export")
            .then()
            .statusCode(200)
            .header("Content-Type", equalTo(NDJSON))
            .extract()
            .asString()
            .split("\n");
    assertEquals(2, lines.length);
    assertEquals(
        mapper.readTree(
            "{\"id\":\""
                + first.substring(11)
                + "\",\"version\":1,\"entry\":"
                + given().get(first).asString()
                + "}"),
        mapper.readTree(lines[0]));
    assertEquals(second.substring(11), mapper.readTree(lines[1]).get("id").asText());
  }

  @Test
  void aBadItemNeverStopsTheOthersAndEachFailureSaysWhy() {
    String location = create(ENTRY);
    String id = location.substring(11);
    String body =
        String.join(
            "\n",
            "{\"full_name\": \"One\"}",
            "{not json",
            "",
            "{\"full_name\": \"Two\", \"emails\": [{\"kind\": \"other\", \"email\": \"a@b.com\"}]}",
            "[1, 2]",
            "{\"id\": \"" + id + "\", \"version\": 9, \"entry\": {\"full_name\": \"Renamed\"}}",
            "{\"full_name\": \"Three\"}");
    given()
        .contentType(NDJSON)
        .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/addresses/import")
        .then()
        .statusCode(200)
        .body(
            "created",
            equalTo(2),
            "updated",
            equalTo(1),
            "unchanged",
            equalTo(0),
            "failed.index",
            equalTo(List.of(1, 2, 3)),
            "failed[0].errors[0].path",
            equalTo("$"),
            "failed[1].errors",
            equalTo(
                List.of(
                    Map.of("path", "$.emails[0].kind", "message", "must be one of [home, work]"))),
            "failed[2].errors[0].message",
            equalTo("must be an object (an entry, or an export line)"));
    given().get(location).then().body("full_name", equalTo("Renamed"));
    assertEquals(3, book().size());
  }

  @Test
  void itemsNamingOneEntryTakeEffectInTheirOrderWithinAndAcrossBatches() {
    String location = create("{\"full_name\": \"Original\"}");
    String id = location.substring(11);
    String changed = "{\"id\": \"" + id + "\", \"entry\": {\"full_name\": \"Changed\"}}";
    String original = "{\"id\": \"" + id + "\", \"entry\": {\"full_name\": \"Original\"}}";
    List<String> lines = new java.util.ArrayList<>(List.of(changed, original));
    // More than a batch in between: the next two are read while the batch before them is written.
    for (int i = 0; i < 300; i++) {
      lines.add("{\"full_name\": \"New " + i + "\"}");
    }
    lines.add(changed);
    lines.add(changed);
    given()
        .contentType(NDJSON)
        .body(String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/addresses/import")
        .then()
        .statusCode(200)
        .body(
            "created", equalTo(300),
            "updated", equalTo(3),
            "unchanged", equalTo(1),
            "failed", equalTo(List.of()));
    given().get(location).then().body("full_name", equalTo("Changed")).header("ETag", "\"4\"");
  }

  @Test
  void vCardsImportWithWhatWasDroppedReported() {
    String cards =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo\r\nNOTE:hi\r\nEMAIL;TYPE=HOME:jo@example.com\r\n"
            + "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nN:Nameless;;;;\r\nEND:VCARD\r\n"
            + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim\r\nEND:VCARD\r\n";
    given()
        .contentType("text/vcard; charset=utf-8")
        .body(cards.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/addresses/import")
        .then()
        .statusCode(200)
        .body(
            "created", equalTo(2),
            "failed",
                equalTo(
                    List.of(
                        Map.of(
                            "index",
                            1,
                            "errors",
                            List.of(Map.of("path", "$.full_name", "message", "is required"))))),
            "dropped",
                equalTo(
                    List.of(
                        Map.of(
                            "index",
                            0,
                            "parts",
                            List.of("NOTE: not kept (an entry has no field for it)")))));
  }

  @Test
  void theFixedNamesAreNeverIdsAndOtherTypesAre415() {
    given()
        .delete("/addresses/export")
        .then()
        .statusCode(405)
        .header("Allow", equalTo("GET, HEAD, OPTIONS"));
    given()
        .get("/addresses/import")
        .then()
        .statusCode(405)
        .header("Allow", equalTo("POST, OPTIONS"));
    given()
        .options("/addresses/export")
        .then()
        .statusCode(200)
        .header("Allow", "GET, HEAD, OPTIONS");
    given().options("/addresses/import").then().statusCode(200).header("Allow", "POST, OPTIONS");
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/addresses/import")
        .then()
        .statusCode(415)
        .body("code", equalTo(415));
    given()
        .accept("image/png")
        .get("/addresses/export")
        .then()
        .statusCode(406)
        .body("code", equalTo(406));
  }

  @Test
  void anImportLargerThanTheLimitIs413() {
    byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(tooLarge, (byte) '\n');
    given()
        .contentType(NDJSON)
        .body(tooLarge)
        .post("/addresses/import")
        .then()
        .statusCode(413)
        .body("message", equalTo("Request body too large"));
    assertEquals(0, book().size());
  }

  @Test
  void anImportCutOffAtTheLimitSaysWhereItStoppedAndKeepsWhatWasStored() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      items.append("{\"full_name\": \"Person ").append(i).append("\"}\n");
    }
    byte[] head = items.toString().getBytes(StandardCharsets.UTF_8);
    byte[] tail = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(tail, (byte) 'x');
    // No length: the body is sent chunked, and the limit is found only on the way.
    InputStream body =
        new SequenceInputStream(new ByteArrayInputStream(head), new ByteArrayInputStream(tail));
    given()
        .contentType(NDJSON)
        .body(body)
        .post("/addresses/import")
        .then()
        .statusCode(413)
        .body(
            "message",
            equalTo(
                "Request body too large: the import stopped at item 256; every item before it"
                    + " was stored or refused"));
    assertEquals(256, book().size());
  }

  private static Map<String, Object> book() {
    return given()
        .queryParam("limit", 1000)
        .get("/addresses")
        .then()
        .extract()
        .jsonPath()
        .getMap("$");
  }
}

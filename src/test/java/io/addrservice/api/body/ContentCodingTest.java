package io.addrservice.api.body;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.ApiTestSupport;
import io.addrservice.api.logging.LogCapture;
import io.addrservice.api.logging.RequestLogFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies in gzip or deflate are decoded, a body not in its coding is 400, any other coding
 * 415; responses are compressed for clients that accept it, and say they vary on it.
 */
@QuarkusTest
class ContentCodingTest extends ApiTestSupport {
  private static final String SMALL_ENTRY = "{\"full_name\": \"Ada Lovelace\"}";

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "x-gzip", "deflate", "GZIP"})
  void aBodyThatIsNotInItsCodingIs400WithTheErrorBody(String coding) throws Exception {
    try (LogCapture logs = LogCapture.of(RequestLogFilter.CATEGORY)) {
      assertErrorBody(
          given()
              .contentType(ContentType.JSON)
              .header("Content-Encoding", coding)
              .body("not " + coding + " at all")
              .post("/addresses")
              .then(),
          400,
          "Invalid JSON body",
          "POST",
          "/addresses");
      LogCapture.Line line = logs.await(l -> l.message().contains("status=400"));
      assertEquals(Level.WARN, line.level());
      assertTrue(line.message().contains("reason=\"Invalid JSON body\""), line.message());
      assertEquals(1, logs.all(l -> l.message().contains("uri=/addresses ")).size());
    }
    given().get("/addresses").then().body("size()", equalTo(0));
  }

  @Test
  void aTruncatedGzipBodyIs400() throws Exception {
    byte[] zipped = gzip(ENTRY);
    given()
        .contentType(ContentType.JSON)
        .header("Content-Encoding", "gzip")
        .body(Arrays.copyOf(zipped, zipped.length / 2))
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));
  }

  @Test
  void gzipAndDeflateBodiesAreDecoded() throws Exception {
    String location =
        given()
            .contentType(ContentType.JSON)
            .header("Content-Encoding", "x-gzip")
            .body(gzip(ENTRY))
            .post("/addresses")
            .then()
            .statusCode(201)
            .extract()
            .header("Location");
    assertEquals(JsonPath.from(ENTRY).getMap("$"), read(location));
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
      out.write(UPDATED_ENTRY.getBytes(StandardCharsets.UTF_8));
    }
    given()
        .contentType(ContentType.JSON)
        .header("Content-Encoding", "deflate")
        .body(deflated.toByteArray())
        .put(location)
        .then()
        .statusCode(204);
    assertEquals(JsonPath.from(UPDATED_ENTRY).getMap("$"), read(location));
    given()
        .contentType(ContentType.JSON)
        .header("Content-Encoding", "identity")
        .body(SMALL_ENTRY)
        .post("/addresses")
        .then()
        .statusCode(201);
  }

  @Test
  void gzipBodiesAreAcceptedAndResponsesCompressed() throws Exception {
    String location =
        given()
            .contentType(ContentType.JSON)
            .header("Content-Encoding", "gzip")
            .body(gzip(ENTRY))
            .post("/addresses")
            .then()
            .statusCode(201)
            .extract()
            .header("Location");
    given()
        .header("Accept-Encoding", "gzip")
        .get(location)
        .then()
        .statusCode(200)
        .header("Content-Encoding", "gzip")
        .body("full_name", equalTo("Bill Gates"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo", "br", "zstd", "compress", "gzip, identity", "gzip, gzip"})
  void anUnsupportedCodingIs415NamingTheSupportedOnes(String coding) {
    given()
        .contentType(ContentType.JSON)
        .header("Content-Encoding", coding)
        .body(SMALL_ENTRY)
        .post("/addresses")
        .then()
        .statusCode(415)
        .statusLine("HTTP/1.1 415 Unsupported Content-Encoding")
        .header("Accept-Encoding", "gzip, deflate")
        .contentType("application/json")
        .body("code", equalTo(415))
        .body("message", equalTo("Unsupported Content-Encoding"));
    given()
        .contentType(ContentType.JSON)
        .header("Content-Encoding", coding)
        .body(SMALL_ENTRY)
        .put(create(ENTRY))
        .then()
        .statusCode(415);
    given().get("/addresses").then().body("size()", equalTo(1));
  }

  @Test
  void responsesVaryOnAcceptEncoding() {
    String location = create(ENTRY);
    String etag =
        given()
            .header("Accept-Encoding", "gzip")
            .get(location)
            .then()
            .statusCode(200)
            .header("Content-Encoding", "gzip")
            // An entry also varies by Accept (JSON, vCard or JSContact).
            .header("Vary", "Accept, Accept-Encoding")
            .extract()
            .header("ETag");
    given()
        .header("If-None-Match", etag)
        .get(location)
        .then()
        .statusCode(304)
        .header("Vary", "Accept, Accept-Encoding");
    given().get("/addresses").then().statusCode(200).header("Vary", "Accept-Encoding");
    given().get("/addresses/nope").then().statusCode(404).header("Vary", "Accept-Encoding");
  }
}

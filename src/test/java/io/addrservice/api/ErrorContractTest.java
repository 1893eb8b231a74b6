package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN §2–§4 over HTTP: bodies, headers, reason phrases, limits and representations. */
@QuarkusTest
class ErrorContractTest extends ApiTestSupport {
  private static final int MAX_BODY = 64 * 1024;

  @TestHTTPResource("/addresses")
  URI addresses;

  @Test
  void invalidJsonHasTheErrorBodyAndReasonPhrase() {
    assertErrorBody(
            given()
                .contentType(ContentType.JSON)
                .body("{\"full_name\": ")
                .post("/addresses")
                .then(),
            400,
            "Invalid JSON body",
            "POST",
            "/addresses")
        .body("$", not(hasKey("errors")))
        .body("$", not(hasKey("trace")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "\"text\"",
        "42",
        "null",
        "",
        "{\"full_name\": \"A\"} {}",
        "{\"full_name\": \"A\", \"full_name\": \"B\"}",
        "{\"full_name\": \"A\", \"emails\": [{\"kind\": \"home\", \"kind\": \"work\"}]}",
        "{'full_name': 'A'}",
        "{\"full_name\": \"A\",}"
      })
  void aBodyThatIsNotOneJsonObjectIs400(String body) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));
    given().get("/addresses").then().body("size()", equalTo(0));
  }

  /**
   * Bodies that are not well-formed UTF-8 (RFC 3629), each as hex bytes inside {"full_name":"..."}:
   * Latin-1, overlong forms of "/", an encoded surrogate, a code point above U+10FFFF, a truncated
   * sequence, and a stray continuation byte.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ff", "c0af", "e080af", "f08080af", "eda080", "f4908080", "e282", "80"})
  void invalidUtf8Is400AndNothingIsStored(String hex) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"full_name\": \"A".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(java.util.HexFormat.of().parseHex(hex));
    body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
    given()
        .contentType(ContentType.JSON)
        .body(body.toByteArray())
        .post("/addresses")
        .then()
        .statusCode(400)
        .statusLine("HTTP/1.1 400 Invalid JSON body")
        .body("message", equalTo("Invalid JSON body"))
        .body("$", not(hasKey("errors")));
    given().get("/addresses").then().body("size()", equalTo(0));
  }

  @Test
  void onlyUtf8IsReadNotUtf16() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"A\"}".getBytes(StandardCharsets.UTF_16BE))
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));
    given().get("/addresses").then().body("size()", equalTo(0));
    byte[] withBom = "\uFEFF{\"full_name\": \"Zoë\"}".getBytes(StandardCharsets.UTF_8);
    given().contentType(ContentType.JSON).body(withBom).post("/addresses").then().statusCode(201);
  }

  @Test
  void anUnpairedSurrogateEscapeIsAValidationError() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"x\\ud800y\"}")
        .post("/addresses")
        .then()
        .statusCode(400)
        .statusLine("HTTP/1.1 400 JSON Schema validation failed")
        .body("message", equalTo("JSON Schema validation failed"))
        .body(
            "errors",
            equalTo(
                List.of(
                    Map.of(
                        "path",
                        "$.full_name",
                        "message",
                        "must not contain an unpaired surrogate (U+D800 to U+DFFF)"))));
    given().get("/addresses").then().body("size()", equalTo(0));
  }

  @Test
  void numbersBreakingTheDigitRuleAreValidationErrorsWithTheirPath() {
    String digits = "7".repeat(1000);
    String message = "must have at most 1000 digits before and after the decimal point";
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"full_name\": \"A\", \"phone_numbers\": [{\"kind\": \"home\","
                + " \"country_code\": 0."
                + digits
                + "1, \"local_number\": 1"
                + digits
                + "}]}")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("JSON Schema validation failed"))
        .body(
            "errors",
            equalTo(
                List.of(
                    Map.of("path", "$.phone_numbers[0].country_code", "message", message),
                    Map.of("path", "$.phone_numbers[0].local_number", "message", message))));
    // At the limit on both sides: accepted, and written back digit for digit.
    String longest = "-" + digits + "." + digits;
    String location =
        create(
            "{\"full_name\": \"A\", \"phone_numbers\": [{\"kind\": \"home\","
                + " \"country_code\": 1, \"local_number\": "
                + longest
                + "}]}");
    String returned = given().get(location).then().statusCode(200).extract().asString();
    assertEquals(true, returned.contains("\"local_number\":" + longest + "}"), returned);
  }

  @Test
  void negativeZeroComesBackAsZeroWithItsScale() {
    String location =
        create(
            "{\"full_name\": \"A\", \"addresses\": [{\"kind\": \"home\", \"street_number\":"
                + " -0.0, \"street_name\": \"S\", \"pincode\": -0, \"country\": \"C\"}],"
                + " \"phone_numbers\": [{\"kind\": \"home\", \"country_code\": -0,"
                + " \"local_number\": -0.00}]}");
    String returned = given().get(location).then().statusCode(200).extract().asString();
    assertEquals(
        true,
        returned.contains("\"street_number\":0.0,") && returned.contains("\"pincode\":0,"),
        returned);
    assertEquals(
        true,
        returned.contains("\"country_code\":0,") && returned.contains("\"local_number\":0.00}"),
        returned);
  }

  @Test
  void nestingDeeperThan1000Is400NotA500() {
    String deep = "[".repeat(1001) + "]".repeat(1001);
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"A\", \"emails\": " + deep + "}")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("Invalid JSON body"));
    String shallower = "[".repeat(990) + "]".repeat(990);
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"A\", \"emails\": " + shallower + "}")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("JSON Schema validation failed"));
  }

  @Test
  void validationListsEveryViolationWithItsPath() {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"x\": 1, \"addresses\": [{\"kind\": \"car\", \"street_name\": \"S\","
                + " \"pincode\": 1, \"country\": \"C\"}]}")
        .put(create(ENTRY))
        .then()
        .statusCode(400)
        .statusLine("HTTP/1.1 400 JSON Schema validation failed")
        .body("message", equalTo("JSON Schema validation failed"))
        .body("errors.size()", equalTo(3))
        .body("errors", hasItem(Map.of("path", "$.full_name", "message", "is required")))
        .body("errors", hasItem(Map.of("path", "$.x", "message", "is not a known property")))
        .body(
            "errors",
            hasItem(
                Map.of("path", "$.addresses[0].kind", "message", "must be one of [home, work]")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT"})
  void blankIsWhatTheSchemaSaysAndNothingElse(String method) {
    String path = method.equals("POST") ? "/addresses" : create("{\"full_name\": \"Ada\"}");
    // The schema's not-blank pattern is \S, and U+2028 is not \s to it: a name of that alone is
    // accepted, as the schema is the one enforcer of the rules.
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \"\u2028\"}".getBytes(StandardCharsets.UTF_8))
        .request(method, path)
        .then()
        .statusCode(method.equals("POST") ? 201 : 204);
    given()
        .contentType(ContentType.JSON)
        .body("{\"full_name\": \" \\t\"}")
        .request(method, path)
        .then()
        .statusCode(400)
        .statusLine("HTTP/1.1 400 JSON Schema validation failed")
        .body("errors", hasItem(Map.of("path", "$.full_name", "message", "must not be blank")));
  }

  @Test
  void valuesKeepTheirJsonTypeAndExactValue() {
    String sent =
        """
        {"full_name": "Zoë 山田 🌍 \\"quoted\\"",
         "addresses": [{"kind": "home", "unit_number": 1.50, "street_number": "12B",
                        "street_name": "Straße", "pincode": "110011", "country": "भारत"},
                       {"kind": "work", "street_number": 12, "street_name": "S",
                        "pincode": 110011, "country": "IN"}],
         "phone_numbers": [{"kind": "home", "country_code": 91,
                            "local_number": 123456789012345678901234567890}],
         "fax_numbers": [],
         "emails": [{"kind": "home", "email": "zoe@example.org"}]}
        """;
    String location = create(sent);
    String returned = given().get(location).then().statusCode(200).extract().asString();
    assertEquals(
        JsonPath.from(sent).getMap("$").toString(), JsonPath.from(returned).getMap("$").toString());
    assertEquals(true, returned.contains("\"pincode\":\"110011\""), returned);
    assertEquals(true, returned.contains("\"pincode\":110011"), returned);
    assertEquals(true, returned.contains("\"unit_number\":1.50"), returned);
    assertEquals(true, returned.contains("123456789012345678901234567890"), returned);
    assertEquals("Zoë 山田 🌍 \"quoted\"", JsonPath.from(returned).getString("full_name"), returned);
  }

  @Test
  void absentOptionalsAreOmittedAndListsAlwaysPresent() {
    String location = create("{\"full_name\": \"Only Name\"}");
    String body = given().get(location).then().statusCode(200).extract().asString();
    assertEquals(
        "{\"full_name\":\"Only Name\",\"addresses\":[],\"phone_numbers\":[],"
            + "\"fax_numbers\":[],\"emails\":[]}",
        body);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=UTF-8",
        "application/merge-patch+json",
        "text/plain; charset=UTF-8",
        "application/x-www-form-urlencoded"
      })
  void jsonIsReadWhateverTheTolerableContentType(String type) {
    given()
        .contentType(type)
        .body("{\"full_name\": \"A\"}")
        .post("/addresses")
        .then()
        .statusCode(201);
  }

  @Test
  void aBodyWithoutContentTypeIsReadAsJson() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(addresses)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"full_name\": \"A\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/xml", "text/html", "application/octet-stream"})
  void anyOtherContentTypeIs415(String type) {
    given()
        .contentType(type)
        .body("{\"full_name\": \"A\"}".getBytes(StandardCharsets.UTF_8))
        .post("/addresses")
        .then()
        .statusCode(415)
        .contentType("application/json")
        .body("code", equalTo(415))
        .body("message", equalTo("Unsupported Media Type"));
    given()
        .contentType(type)
        .body("{\"full_name\": \"A\"}".getBytes(StandardCharsets.UTF_8))
        .put(create(ENTRY))
        .then()
        .statusCode(415);
  }

  @Test
  void aBodyOverTheLimitIs413AndNothingIsStored() {
    given()
        .contentType(ContentType.JSON)
        .body(nameOfBodySize(MAX_BODY + 1))
        .post("/addresses")
        .then()
        .statusCode(413)
        .statusLine("HTTP/1.1 413 Request body too large")
        .contentType("application/json")
        .body("code", equalTo(413))
        .body("message", equalTo("Request body too large"));
    given().get("/addresses").then().body("size()", equalTo(0));
    String location = create(ENTRY);
    given()
        .contentType(ContentType.JSON)
        .body(nameOfBodySize(MAX_BODY * 3))
        .put(location)
        .then()
        .statusCode(413);
    assertEquals(JsonPath.from(ENTRY).getMap("$"), read(location));
  }

  @Test
  void aBodyExactlyAtTheLimitIsAccepted() {
    given()
        .contentType(ContentType.JSON)
        .body(nameOfBodySize(MAX_BODY))
        .post("/addresses")
        .then()
        .statusCode(201);
  }

  @Test
  void gzipBodiesAreAcceptedAndResponsesCompressed() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(ENTRY.getBytes(StandardCharsets.UTF_8));
    }
    String location =
        given()
            .contentType(ContentType.JSON)
            .header("Content-Encoding", "gzip")
            .body(zipped.toByteArray())
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

  @Test
  void aGzipBombIsRefusedWith413() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(nameOfBodySize(MAX_BODY * 8).getBytes(StandardCharsets.UTF_8));
    }
    given()
        .contentType(ContentType.JSON)
        .header("Content-Encoding", "gzip")
        .body(zipped.toByteArray())
        .post("/addresses")
        .then()
        .statusCode(413);
  }

  @Test
  void trailingSlashesAreAccepted() {
    String location = create(ENTRY);
    given().get("/addresses/").then().statusCode(200).body("size()", equalTo(1));
    given().get(location + "/").then().statusCode(200).body("full_name", equalTo("Bill Gates"));
    given().contentType(ContentType.JSON).body(ENTRY).post("/addresses/").then().statusCode(201);
  }

  @Test
  void aWrongMethodOnAKnownPathIs405WithAllow() {
    given()
        .patch("/addresses")
        .then()
        .statusCode(405)
        .header("Allow", "GET, HEAD, POST, OPTIONS")
        .contentType("application/json")
        .body("method", equalTo("PATCH"))
        .body("code", equalTo(405))
        .body("message", equalTo("Method Not Allowed"));
    given()
        .post("/addresses/" + "0".repeat(32))
        .then()
        .statusCode(405)
        .header("Allow", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS");
    given().options("/addresses").then().statusCode(200).header("Allow", containsString("POST"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/addresses/a.b", "/addresses/%2e%2e", "/addresses/a_b", "/nope/x"})
  void aPathIdOutsideTheIdAlphabetIsAnUnknownEndpoint(String path) {
    given()
        .urlEncodingEnabled(false)
        .get(path)
        .then()
        .statusCode(404)
        .body("message", equalTo("Unknown Endpoint"));
  }

  @Test
  void anIdOfTheRightAlphabetButUnknownIs404NamingIt() {
    given()
        .get("/addresses/no-such-id")
        .then()
        .statusCode(404)
        .statusLine("HTTP/1.1 404 Entry no-such-id not found")
        .body("message", equalTo("Entry no-such-id not found"));
    given().delete("/addresses/" + "a".repeat(64)).then().statusCode(404);
    given().get("/addresses/" + "a".repeat(65)).then().statusCode(404);
  }

  @Test
  void aServerErrorLeaksNoTraceOrDetail() {
    given()
        .get("/test-only/failure")
        .then()
        .statusCode(500)
        .contentType("application/json")
        .body("code", equalTo(500))
        .body("message", equalTo("Internal Server Error"))
        .body("$", not(hasKey("trace")))
        .body(not(containsString(FailingResource.MESSAGE)));
  }

  @Test
  void swaggerUiAndHealthAreServed() {
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  /** A valid entry whose UTF-8 body is exactly {@code size} bytes. */
  private static String nameOfBodySize(int size) {
    String frame = "{\"full_name\": \"\"}";
    return "{\"full_name\": \"" + "x".repeat(size - frame.length()) + "\"}";
  }
}

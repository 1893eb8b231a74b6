package io.addrservice.api.body;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JSON object that breaks the entry schema is 400 "JSON Schema validation failed", listing every
 * violation with its JSON path.
 */
@QuarkusTest
class EntryValidationTest extends ApiTestSupport {
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
    assertTrue(returned.contains("\"local_number\":" + longest + "}"), returned);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e2147483647", "1e2147483648", "1e9999999999", "-1e-2147483648"})
  void exponentsBeyondAnyDecimalFormAreRefusedWithTheirPath(String number) {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"full_name\": \"A\", \"addresses\": [{\"kind\": \"home\", \"street_name\": \"S\","
                + " \"pincode\": 1, \"country\": \"C\", \"street_number\": "
                + number
                + "}]}")
        .post("/addresses")
        .then()
        .statusCode(400)
        .body("message", equalTo("JSON Schema validation failed"))
        .body(
            "errors",
            equalTo(
                List.of(
                    Map.of(
                        "path",
                        "$.addresses[0].street_number",
                        "message",
                        "must have at most 1000 digits before and after the decimal point"))));
    given().get("/addresses").then().statusCode(200).body("size()", equalTo(0));
  }
}

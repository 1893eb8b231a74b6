package io.addrservice.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the HTTP tests: each test starts from an empty address book, so no test depends
 * on another's order or leftovers, whatever engine the application runs on.
 */
public abstract class ApiTestSupport {
  /** The seed service's sample entry. */
  public static final String ENTRY =
      """
      {"full_name": "Bill Gates",
       "addresses": [{"kind": "work", "building_name": "Microsoft Campus", "unit_number": 1,
                      "street_number": 1, "street_name": "Microsoft Way", "locality": "Redmond",
                      "city": "Redmond", "province": "WA", "pincode": "98052",
                      "country": "United States"}],
       "phone_numbers": [{"kind": "work", "country_code": 1, "area_code": 425,
                          "local_number": 8828080}],
       "fax_numbers": [{"kind": "work", "country_code": 1, "area_code": 425,
                        "local_number": 7067220}],
       "emails": [{"kind": "work", "email": "bill@microsoft.com"}]}
      """;

  /** The same person after a move. */
  public static final String UPDATED_ENTRY =
      """
      {"full_name": "William Henry Gates III",
       "addresses": [{"kind": "home", "street_number": "1835", "street_name": "73rd Ave NE",
                      "city": "Medina", "province": "WA", "pincode": 98039,
                      "country": "United States"}],
       "phone_numbers": [], "fax_numbers": [],
       "emails": [{"kind": "home", "email": "bill@gatesfoundation.org"}]}
      """;

  @BeforeAll
  public static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @BeforeEach
  void startEmpty() {
    deleteAllEntries();
  }

  /** Deletes every entry through the API, a page at a time. */
  public static void deleteAllEntries() {
    while (true) {
      Map<String, Object> page =
          given()
              .queryParam("limit", 1000)
              .get("/addresses")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getMap("$");
      if (page.isEmpty()) {
        return;
      }
      page.keySet().forEach(id -> given().delete("/addresses/" + id).then().statusCode(204));
    }
  }

  /** Creates an entry and returns its path, /addresses/{id}. */
  public static String create(String json) {
    return given()
        .contentType(ContentType.JSON)
        .body(json)
        .post("/addresses")
        .then()
        .statusCode(201)
        .extract()
        .header("Location");
  }

  /** The entry at {@code path} as a map, for comparisons that ignore key order. */
  public static Map<String, Object> read(String path) {
    return given().get(path).then().statusCode(200).extract().jsonPath().getMap("$");
  }

  /**
   * Asserts DESIGN.md §3's error answer: {@code code} with {@code message} as its reason phrase,
   * and the JSON error body naming the request's method and URI, the code and the message.
   */
  public static ValidatableResponse assertErrorBody(
      ValidatableResponse response, int code, String message, String method, String uri) {
    return response
        .statusCode(code)
        .statusLine("HTTP/1.1 " + code + " " + message)
        .contentType("application/json")
        .body("method", equalTo(method))
        .body("uri", equalTo(uri))
        .body("code", equalTo(code))
        .body("message", equalTo(message));
  }
}

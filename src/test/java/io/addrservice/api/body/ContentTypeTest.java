package io.addrservice.api.body;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.addrservice.api.ApiTestSupport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies are read as JSON under the content types clients send for JSON, or none; any other is 415.
 */
@QuarkusTest
class ContentTypeTest extends ApiTestSupport {
  @TestHTTPResource("/addresses")
  URI addresses;

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
}

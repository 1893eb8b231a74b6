package io.addrservice.api;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;

/**
 * Makes RestAssured use one HTTP client, whose connection is reused from request to request. By
 * default every request gets a client of its own whose pooled connection stays open until garbage
 * collection, so a suite making thousands of requests held hundreds of idle connections in the
 * server under test, and could reach {@code quarkus.http.limits.max-connections}: the server then
 * closes new connections as they are accepted, and every later test fails with no response.
 * (Closing idle connections after each response instead closed them before a logging filter had
 * read a large body: "Socket closed" in MetricsTest and the OpenAPI tests.) Registered for every
 * {@code @QuarkusTest} in META-INF/services.
 */
public class ClosedTestConnections implements QuarkusTestBeforeEachCallback {
  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    RestAssured.config =
        RestAssured.config()
            .httpClient(HttpClientConfig.httpClientConfig().reuseHttpClientInstance());
  }
}

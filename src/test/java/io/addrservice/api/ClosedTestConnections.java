package io.addrservice.api;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Makes every RestAssured request ask for its connection to be closed after the response ({@code
 * Connection: close}). By default every request gets a client of its own whose pooled connection
 * stays open until garbage collection, so a suite making thousands of requests held hundreds of
 * idle connections in the server under test, and could reach {@code
 * quarkus.http.limits.max-connections}: the server then closes new connections as they are
 * accepted, and every later test fails with no response. The other ways leave a test without its
 * answer: closing idle connections after each response closed them before a logging filter had read
 * a large body ("Socket closed" in MetricsTest and the OpenAPI tests), and one reused client sent
 * its next request on a connection the server had closed after an error. Registered for every
 * {@code @QuarkusTest} in META-INF/services.
 */
public class ClosedTestConnections implements QuarkusTestBeforeEachCallback {
  // A filter, not a request specification: a specification built here would fix the port before
  // Quarkus has chosen it.
  private static final Filter CLOSE =
      (request, response, context) -> {
        request.header("Connection", "close");
        return context.next(request, response);
      };

  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    RestAssured.replaceFiltersWith(CLOSE);
  }
}

package io.addrservice.api;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.config.ConnectionConfig;

/**
 * Makes RestAssured close each connection once its response is read. By default every request gets
 * a client of its own whose pooled connection stays open until garbage collection, so a suite
 * making thousands of requests held hundreds of idle connections in the server under test, and
 * could reach {@code quarkus.http.limits.max-connections}: the server then closes new connections
 * as they are accepted, and every later test fails with no response. Registered for every
 * {@code @QuarkusTest} in META-INF/services.
 */
public class ClosedTestConnections implements QuarkusTestBeforeEachCallback {
  @Override
  public void beforeEach(QuarkusTestMethodContext context) {
    RestAssured.config =
        RestAssured.config()
            .connectionConfig(
                ConnectionConfig.connectionConfig().closeIdleConnectionsAfterEachResponse());
  }
}

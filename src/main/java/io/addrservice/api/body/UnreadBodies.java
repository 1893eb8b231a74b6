package io.addrservice.api.body;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/**
 * Drops what a client still sends of a request body once the service has answered without reading
 * all of it: a 413 after the first {@code addrservice.max-body-size} bytes, a 415 or a 404 before
 * any. Left alone, those bytes are queued in memory until the body ends (500 MB sent chunked after
 * a 413 took the process to 800 MB of RSS). Dropped as they arrive, they cost no memory, and the
 * connection stays usable for the next request; a client that goes on sending more than {@code
 * quarkus.http.limits.max-body-size} after the answer loses the connection instead.
 */
@ApplicationScoped
public class UnreadBodies {
  // Right after RequestLogFilter (filters run in descending priority), before any handler that
  // could answer early.
  private static final int PRIORITY = Integer.MAX_VALUE - 1;

  private final long maxDropped;

  UnreadBodies(Config config) {
    this.maxDropped =
        config
            .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
            .map(MemorySize::asLongValue)
            .orElse(10L * 1024 * 1024);
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  void handle(RoutingContext routing) {
    HttpServerRequest request = routing.request();
    // A request without a body (most GETs) has ended by now: nothing to watch.
    if (!request.isEnded()) {
      routing.addBodyEndHandler(written -> dropRest(request));
    }
    routing.next();
  }

  /** Once the answer is written: if the body has not ended, drop the rest of it as it comes. */
  void dropRest(HttpServerRequest request) {
    if (request.isEnded()) {
      return;
    }
    long[] dropped = {0};
    request.handler(
        chunk -> {
          dropped[0] += chunk.length();
          if (dropped[0] > maxDropped) {
            request.connection().close();
          }
        });
    request.resume();
  }
}

package io.addrservice.api.body;

import io.addrservice.config.AddrServiceConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Reads a request body of a declared length up to {@code addrservice.max-body-size} on the event
 * loop as it arrives, before the request goes on to its resource, whose worker thread then finds
 * the whole body in memory. Left to Quarkus REST, the worker thread of a blocking resource method
 * asks the event loop for each chunk of the body and waits on the connection's monitor for it: for
 * the small bodies of entry writes, that hand-off cost a tenth of a POST's CPU.
 *
 * <p>A body without a declared length (chunked), one longer than the limit (an import, or a body
 * answered 413 once its first {@code max-body-size} bytes are read) and one that waits for {@code
 * 100 Continue} is streamed to the resource as before. The limit is also at most Quarkus REST's
 * input buffer ({@code quarkus.rest.input-buffer-size}, 64K here): the write endpoints are
 * non-blocking resource methods, whose bodies Quarkus REST reads on the event loop itself up to
 * that size. As with a streamed body, a client that sends nothing more for {@code
 * quarkus.http.read-timeout} loses its connection.
 */
@ApplicationScoped
public class SmallBodies {
  // After the filters that may answer without reading the body (descending priority).
  private static final int PRIORITY = Integer.MAX_VALUE - 5;

  private final Vertx vertx;
  private final long maxLength;
  private final long readTimeoutMillis;

  SmallBodies(Vertx vertx, AddrServiceConfig addrservice, Config config) {
    this.vertx = vertx;
    // Quarkus REST hands a body of a non-blocking resource method (the writes, api.http.Writes)
    // to a worker once it is longer than its input buffer, and then loses one read ahead here.
    this.maxLength =
        Math.min(
            addrservice.maxBodySize().asLongValue(),
            config.getValue("quarkus.rest.input-buffer-size", MemorySize.class).asLongValue());
    this.readTimeoutMillis =
        config
            .getOptionalValue("quarkus.http.read-timeout", Duration.class)
            .orElse(Duration.ofSeconds(60))
            .toMillis();
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  void handle(RoutingContext routing) {
    HttpServerRequest request = routing.request();
    long length = declaredLength(request);
    if (request.isEnded()
        || length <= 0
        || length > maxLength
        || request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
      routing.next();
      return;
    }
    new Reading(routing, (int) length).start();
  }

  /** The request's Content-Length, or -1 when it has none that parses. */
  private static long declaredLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One body being read; touched only on the request's event loop. */
  private final class Reading {
    private final RoutingContext routing;
    private final HttpServerRequest request;
    private final Buffer body;
    private long timer = -1;

    Reading(RoutingContext routing, int length) {
      this.routing = routing;
      this.request = routing.request();
      this.body = Buffer.buffer(length);
    }

    void start() {
      request.handler(
          chunk -> {
            body.appendBuffer(chunk);
            waitForMore();
          });
      // A connection closed mid-body: no answer can be sent; the request's end handlers log it.
      request.exceptionHandler(failure -> vertx.cancelTimer(timer));
      request.endHandler(
          ended -> {
            vertx.cancelTimer(timer);
            setBody();
            routing.next();
          });
      waitForMore();
      request.resume();
    }

    private void waitForMore() {
      vertx.cancelTimer(timer);
      timer = vertx.setTimer(readTimeoutMillis, expired -> request.connection().close());
    }

    // Quarkus REST takes a body read ahead from RoutingContext.getBody(), the counterpart of this
    // deprecated setter (Vert.x's own BodyHandler sets it through an internal interface).
    @SuppressWarnings("deprecation")
    private void setBody() {
      routing.setBody(body);
    }
  }
}

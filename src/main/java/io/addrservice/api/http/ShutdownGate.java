package io.addrservice.api.http;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Graceful shutdown's front door: from the moment the process is told to stop (SIGTERM), a request
 * that arrives, on a kept-alive connection say, is answered 503 with {@code Retry-After} and {@code
 * Connection: close} and the JSON body, so its client retries elsewhere or later knowing that
 * nothing was done, rather than having its connection reset; requests already in progress finish,
 * for up to {@code quarkus.shutdown.timeout}, before the store closes.
 */
@ApplicationScoped
public class ShutdownGate {
  /** The message of a request refused while the service stops. */
  public static final String MESSAGE = "Service shutting down";

  private static final int PRIORITY = Integer.MAX_VALUE - 3;

  private final EarlyErrors errors;
  private volatile boolean stopping;

  ShutdownGate(EarlyErrors errors) {
    this.errors = errors;
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  /**
   * A JVM shutdown hook of its own: it runs as soon as the signal arrives, alongside Quarkus's,
   * which then waits for the requests in progress; Quarkus tells the application nothing before
   * that wait.
   */
  void onStart(@Observes StartupEvent start) {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "addrservice-shutdown-gate"));
  }

  /** From now on, new requests are refused. */
  void stop() {
    stopping = true;
  }

  void handle(RoutingContext routing) {
    if (stopping) {
      routing.response().putHeader("Retry-After", "5");
      errors.send(routing, 503, MESSAGE, true);
      return;
    }
    routing.next();
  }
}

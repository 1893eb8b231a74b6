package io.addrservice.api.logging;

import io.addrservice.api.http.Caller;
import io.addrservice.api.http.SentBelowVertx;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Gives every request an id and writes its canonical log line once the response is written.
 *
 * <p>It is a Vert.x route filter, not a JAX-RS one, so that it sees every request: {@code /q/*},
 * unknown paths and the answers Vert.x gives by itself included. Quarkus runs each request on its
 * own duplicated Vert.x context and carries it to the worker thread of a blocking resource, and the
 * MDC lives in that context: the id set here is on every line logged for the request, on any
 * thread, the canonical line included (its handler runs on the same context).
 */
@ApplicationScoped
public class RequestLogFilter {
  /** The log category of the canonical lines, so operators can tune them apart from the rest. */
  public static final String CATEGORY = "addrservice.access";

  /** The MDC key of the request id. */
  public static final String REQ_ID = "req_id";

  /**
   * The MDC key of {@code req_id=ID } (with the trailing space) that the plain log formats print
   * before each message: lines logged outside a request then carry no empty {@code req_id=}.
   */
  public static final String REQ_ID_PREFIX = "req_id_prefix";

  /**
   * The status recorded for a request whose client closed the connection before the answer was
   * complete (nginx's "client closed request"): the line and the metrics never show a 500 that no
   * client was sent.
   */
  public static final int CLIENT_CLOSED = 499;

  private static final String CLIENT_CLOSED_REASON = "client closed the connection";

  // Filters run in descending priority (route order -priority): this one before all the others,
  // Quarkus's body and upload-limit handlers included, so their early answers get an id and a line.
  private static final int PRIORITY = Integer.MAX_VALUE;
  private static final String FAILURE = RequestLogFilter.class.getName() + ".failure";
  private static final Logger ACCESS = Logger.getLogger(CATEGORY);

  private final String managementRoot;
  private final String managementPrefix;
  private final boolean plainOutput;
  private final boolean jsonOutput;
  private final String ownerClaim;

  // Plain Config lookups: Quarkus's own settings, read once. (@ConfigProperty would do, but its
  // class file names OSGi annotations that are not on the classpath, which -Werror turns fatal.)
  RequestLogFilter(Config config) {
    this.managementRoot =
        managementRoot(
            setting(config, "quarkus.http.root-path", "/"),
            setting(config, "quarkus.http.non-application-root-path", "q"));
    this.managementPrefix = managementRoot + "/";
    boolean console = flag(config, "quarkus.log.console.enabled", true);
    boolean consoleJson = flag(config, "quarkus.log.console.json.enabled", true);
    boolean file = flag(config, "quarkus.log.file.enabled", false);
    boolean fileJson = flag(config, "quarkus.log.file.json.enabled", true);
    // The MDC work each format needs, and no more: the prefix for pattern formats, the line's
    // fields as MDC keys for JSON (its formatter writes the MDC as an object).
    this.plainOutput = (console && !consoleJson) || (file && !fileJson);
    this.jsonOutput = (console && consoleJson) || (file && fileJson);
    this.ownerClaim = setting(config, "addrservice.auth.owner-claim", "sub");
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  /**
   * Hands an unexpected failure to the canonical line, which logs it with its stack trace, so that
   * one ERROR line tells the whole story.
   *
   * @return false when no request context can carry it (or the line is off): then the caller must
   *     log it itself
   */
  public static boolean recordFailure(Throwable failure) {
    if (!VertxContext.isOnDuplicatedContext() || !ACCESS.isEnabled(Logger.Level.ERROR)) {
      return false;
    }
    ContextLocals.put(FAILURE, failure);
    return true;
  }

  void handle(RoutingContext routing) {
    long start = System.nanoTime();
    String id = RequestIds.forHeader(routing.request().getHeader(RequestIds.HEADER));
    routing.response().putHeader(RequestIds.HEADER, id);
    MDC.put(REQ_ID, id);
    if (plainOutput) {
      MDC.put(
          REQ_ID_PREFIX, Logfmt.append(new StringBuilder(32), REQ_ID, id).append(' ').toString());
    }
    // Once the last byte is written. Not the response's end handler: there is only one, and
    // Quarkus's own 413 for an oversized Content-Length replaces it to close the connection.
    // One line per request, from whichever of the two handlers below comes first: a response
    // that the client did not wait for can end both ways.
    boolean[] logged = {false};
    routing.addBodyEndHandler(
        written -> {
          if (!logged[0]) {
            logged[0] = true;
            canonicalLine(routing, start, null);
          }
        });
    // A response that is never completed (the client went away) has no body end: log it here.
    routing.addEndHandler(
        ended -> {
          if (ended.failed() && !logged[0]) {
            logged[0] = true;
            canonicalLine(routing, start, ended.cause());
          }
        });
    routing.next();
  }

  private void canonicalLine(RoutingContext routing, long start, Throwable incomplete) {
    long nanos = System.nanoTime() - start;
    HttpServerRequest request = routing.request();
    HttpServerResponse response = routing.response();
    int status = response.getStatusCode();
    String reason =
        status == CLIENT_CLOSED
            ? CLIENT_CLOSED_REASON
            : status >= 400 ? response.getStatusMessage() : null;
    Logger.Level level = level(request.path(), status);
    if (incomplete != null) {
      // The connection closed before the response was complete: a client fault, logged with the
      // status it was sent (a framing answer given below Vert.x) or 499, never as a 500.
      Integer sent = sentBelowVertx(request);
      status = sent != null ? sent : CLIENT_CLOSED;
      reason =
          sent != null
              ? "malformed request framing, connection closed"
              : "client closed the connection";
      level = Logger.Level.WARN;
    }
    if (!ACCESS.isEnabled(level)) {
      return;
    }
    String method = request.method().name();
    String uri = request.uri();
    String ip = ip(request.remoteAddress());
    // The owner of a verified token (mode jwt); never the token itself.
    String sub = Caller.ownerOf(routing, ownerClaim);
    String millis = millis(nanos);
    StringBuilder line = new StringBuilder(128);
    Logfmt.append(line, "method", method);
    Logfmt.append(line, "uri", uri);
    Logfmt.append(line, "ip", ip);
    if (sub != null) {
      Logfmt.append(line, "sub", sub);
    }
    line.append(" status=").append(status).append(" time_ms=").append(millis);
    if (reason != null) {
      Logfmt.append(line, "reason", reason);
    }
    if (jsonOutput) {
      // The request's own context, discarded after it: no need to remove these again.
      MDC.put("method", method);
      MDC.put("uri", uri);
      MDC.put("ip", ip);
      if (sub != null) {
        MDC.put("sub", sub);
      }
      MDC.put("status", Integer.toString(status));
      MDC.put("time_ms", millis);
      if (reason != null) {
        MDC.put("reason", reason);
      }
    }
    Throwable failure = status >= 500 && incomplete == null ? recordedFailure() : null;
    ACCESS.log(level, line.toString(), failure);
  }

  /** INFO below 400, WARN for 4xx, ERROR for 5xx; DEBUG for the management endpoints. */
  Logger.Level level(String path, int status) {
    if (path != null && (path.startsWith(managementPrefix) || path.equals(managementRoot))) {
      return Logger.Level.DEBUG;
    }
    if (status >= 500) {
      return Logger.Level.ERROR;
    }
    return status >= 400 ? Logger.Level.WARN : Logger.Level.INFO;
  }

  /** Milliseconds with two decimals, without String.format on the hot path. */
  static String millis(long nanos) {
    long hundredths = (nanos + 5_000) / 10_000;
    long fraction = hundredths % 100;
    return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
  }

  /** "/q" for the defaults; an absolute non-application path stands on its own. */
  static String managementRoot(String rootPath, String managementPath) {
    String path = managementPath.startsWith("/") ? managementPath : rootPath + "/" + managementPath;
    path = path.replaceAll("/+", "/");
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static Throwable recordedFailure() {
    return VertxContext.isOnDuplicatedContext()
        ? ContextLocals.<Throwable>get(FAILURE).orElse(null)
        : null;
  }

  private static String setting(Config config, String name, String fallback) {
    return config.getOptionalValue(name, String.class).orElse(fallback);
  }

  private static boolean flag(Config config, String name, boolean fallback) {
    return config.getOptionalValue(name, Boolean.class).orElse(fallback);
  }

  private static Integer sentBelowVertx(HttpServerRequest request) {
    return request.connection() instanceof ConnectionBase connection
        ? connection.channel().attr(SentBelowVertx.STATUS).get()
        : null;
  }

  /** "-" when there is none to tell (a domain socket): the MDC takes no nulls. */
  private static String ip(SocketAddress address) {
    String host = address == null ? null : address.hostAddress();
    return host == null ? "-" : host;
  }
}

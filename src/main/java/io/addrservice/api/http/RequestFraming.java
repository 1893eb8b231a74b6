package io.addrservice.api.http;

import io.addrservice.service.InvalidRequestException;
import io.addrservice.service.Violation;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Requests whose framing or mandatory headers are wrong get the JSON 400 before anything reads
 * them: an HTTP/1.1 request without exactly one {@code Host} (RFC 9112 §3.2), and one that carried
 * both {@code Content-Length} and {@code Transfer-Encoding} (RFC 9112 §6.1: request smuggling's
 * shape, which a proxy in front may frame differently), answered with {@code Connection: close}. A
 * present but empty {@code Content-Type} is removed, so it reads as an absent one.
 */
@ApplicationScoped
public class RequestFraming {
  /** The message of a request with both framing headers. */
  public static final String BOTH_LENGTHS = "Content-Length with Transfer-Encoding";

  /** The message of a request target with a malformed percent-encoding ({@code /a/%zz}). */
  public static final String BAD_TARGET = "Malformed request target";

  /** The message of an HTTP/1.1 request without exactly one Host header. */
  public static final String NO_HOST = "Missing or repeated Host header";

  // After RequestLogFilter and UnreadBodies (descending priority): the answer gets a request id and
  // a canonical line.
  private static final List<String> CONDITIONS =
      List.of(
          jakarta.ws.rs.core.HttpHeaders.IF_MATCH, jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH);

  private static final int PRIORITY = Integer.MAX_VALUE - 2;

  private final EarlyErrors errors;
  private final StrictHttp1 strict;

  RequestFraming(EarlyErrors errors, StrictHttp1 strict) {
    this.errors = errors;
    this.strict = strict;
  }

  void register(@Observes Filters filters) {
    filters.register(this::handle, PRIORITY);
  }

  void handle(RoutingContext routing) {
    HttpServerRequest request = routing.request();
    strict.install(request);
    routing.addHeadersEndHandler(head -> StrictRequestDecoder.responding(request));
    // HTTP/1.0 keeps both headers (Netty drops the length only on 1.1, where the decoder marks it).
    if (StrictRequestDecoder.hadBothLengths(request)
        || (request.headers().contains(HttpHeaders.CONTENT_LENGTH)
            && request.headers().contains(HttpHeaders.TRANSFER_ENCODING))) {
      errors.send(routing, 400, BOTH_LENGTHS, true);
      return;
    }
    if (StrictRequestDecoder.hadBadTarget(request)) {
      errors.send(routing, 400, BAD_TARGET, false);
      return;
    }
    if (StrictRequestDecoder.hadNoHost(request)
        || (request.version() == HttpVersion.HTTP_1_1
            && request.headers().getAll(HttpHeaders.HOST).size() != 1)) {
      errors.send(routing, 400, NO_HOST, false);
      return;
    }
    List<String> keys = request.headers().getAll(IdempotencyKeyHeader.NAME);
    if (!keys.isEmpty() && request.method() == HttpMethod.POST) {
      Violation bad = IdempotencyKeyHeader.check(keys);
      if (bad != null) {
        // Here, where an empty value is still seen (JAX-RS drops it, which would make the retry
        // unprotected): the resource then passes the header's text on as the key.
        errors.send(routing, 400, EntityTags.INVALID_HEADER, List.of(bad), false);
        return;
      }
    }
    for (String name : CONDITIONS) {
      List<String> values = request.headers().getAll(name);
      if (!values.isEmpty()) {
        try {
          EntityTags.tags(name, values);
        } catch (InvalidRequestException e) {
          // Here, not only in the resource: JAX-RS drops an empty header value, which would make
          // an empty If-Match read as absent and the write unconditional.
          errors.send(routing, 400, e.getMessage(), e.violations(), false);
          return;
        }
      }
    }
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && type.isBlank()) {
      request.headers().remove(HttpHeaders.CONTENT_TYPE);
    }
    routing.next();
  }
}

package io.addrservice.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.service.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The JSON error body for answers given by a Vert.x route filter, before a request reaches JAX-RS
 * and its exception mappers: framing faults, cross-site writes, a server shutting down. {@link
 * Body} has api.error's ErrorBody's shape (and a test asserts the same fields): api.error depends
 * on this package (ETags, Allow), so this one cannot use that record.
 */
@Singleton
public class EarlyErrors {
  /**
   * A request header that carries the target as the client sent it, when a handler below Vert.x had
   * to replace it (a malformed percent-encoding, which Vert.x would refuse with a bare 400): the
   * error body names what the client sent.
   */
  public static final String ORIGINAL_URI = "x-addrservice-original-uri";

  /** The error body: method, uri, code, message, and the violations when there are any. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Body(String method, String uri, int code, String message, List<Violation> errors) {}

  private final ObjectMapper mapper;

  EarlyErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Ends the response with {@code status} and the JSON error body.
   *
   * @param close whether to close the connection after it ({@code Connection: close}): when what
   *     follows on it cannot be trusted to start a new request
   */
  public void send(RoutingContext routing, int status, String message, boolean close) {
    send(routing, status, message, null, close);
  }

  /** As {@link #send(RoutingContext, int, String, boolean)}, listing the rules broken. */
  public void send(
      RoutingContext routing,
      int status,
      String message,
      List<Violation> violations,
      boolean close) {
    HttpServerResponse response = routing.response();
    if (response.headWritten()) {
      return;
    }
    String original = routing.request().getHeader(ORIGINAL_URI);
    String uri = original != null ? original : routing.request().uri();
    Body body =
        new Body(
            routing.request().method().name(), uri == null ? "" : uri, status, message, violations);
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A record of strings and an int always serialises.
      throw new IllegalStateException(e);
    }
    response
        .setStatusCode(status)
        .setStatusMessage(message)
        .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    if (close) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    response.end(Buffer.buffer(json));
    if (close) {
      // Now, not after the request's body: what follows on this connection cannot be trusted to
      // start a request. Netty flushes the answer, queued first, before it closes.
      routing.request().connection().close();
    }
  }
}

package io.addrservice.api.error;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.service.Violation;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Builds the one error response ({@link ErrorBody} as JSON) for every exception mapper. */
@ApplicationScoped
public class ErrorResponses {
  private final boolean debug;

  ErrorResponses(AddrServiceConfig config) {
    this.debug = config.debug();
  }

  /**
   * The message of a failure with what the client should know of its request's effect after it (an
   * import's stop), or the message alone when there is nothing to add.
   */
  static String detailed(String message, String detail) {
    return detail == null ? message : message + ": " + detail;
  }

  /** An error response without violations. */
  public Response.ResponseBuilder of(
      HttpServerRequest request, Response.StatusType status, String message, Throwable cause) {
    return of(request, status, message, null, cause);
  }

  /**
   * An error response with the JSON body.
   *
   * <p>The status line carries {@code message} too (see {@code ReasonPhraseFilter}).
   *
   * @param errors the violations of a validation failure, or null
   * @param cause what went wrong, for the trace in debug mode
   */
  public Response.ResponseBuilder of(
      HttpServerRequest request,
      Response.StatusType status,
      String message,
      List<Violation> errors,
      Throwable cause) {
    String trace = debug && cause != null ? stackTrace(cause) : null;
    ErrorBody body =
        new ErrorBody(
            request.method().name(), request.uri(), status.getStatusCode(), message, errors, trace);
    return Response.status(status.getStatusCode())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body);
  }

  private static String stackTrace(Throwable cause) {
    StringWriter text = new StringWriter();
    cause.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}

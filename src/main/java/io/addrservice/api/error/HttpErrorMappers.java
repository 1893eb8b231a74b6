package io.addrservice.api.error;

import io.addrservice.api.body.UnwritableEntryException;
import io.addrservice.api.http.AllowedMethods;
import io.addrservice.api.logging.RequestLogFilter;
import io.addrservice.service.StorageUnavailableException;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors raised by the HTTP machinery itself (no such endpoint, wrong method, unsupported media
 * type, ...) and anything unexpected: the same JSON body as every other error.
 */
public class HttpErrorMappers {
  /** The message of a request that matches no endpoint. */
  public static final String UNKNOWN_ENDPOINT = "Unknown Endpoint";

  /** The message of a request that failed because the store could not be reached. */
  public static final String STORE_UNAVAILABLE = "Storage unavailable";

  private static final String RETRY_AFTER_SECONDS = "5";

  private final ErrorResponses errors;

  HttpErrorMappers(ErrorResponses errors) {
    this.errors = errors;
  }

  /** No resource matches the path: 404 "Unknown Endpoint". */
  @ServerExceptionMapper
  public Response unknownEndpoint(NotFoundException e, HttpServerRequest request) {
    return errors.of(request, Status.NOT_FOUND, UNKNOWN_ENDPOINT, e).build();
  }

  /** A known path with a method it does not have: 405 with the {@code Allow} header. */
  @ServerExceptionMapper
  public Response methodNotAllowed(NotAllowedException e, HttpServerRequest request) {
    return errors
        .of(request, Status.METHOD_NOT_ALLOWED, Status.METHOD_NOT_ALLOWED.getReasonPhrase(), e)
        .header(HttpHeaders.ALLOW, AllowedMethods.forPath(request.path()))
        .build();
  }

  /** Any other JAX-RS error (415, 406, ...): its own status and standard reason phrase. */
  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, HttpServerRequest request) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    if (status.getStatusCode() >= 500) {
      logFailure(e, request);
    }
    return errors.of(request, status, status.getReasonPhrase(), e).build();
  }

  /**
   * The service cannot reach its storage: 503, so clients and load balancers retry later. The cause
   * goes to the log with the request id, never to the client; what the request did before (an
   * import's stored items) follows the message.
   */
  @ServerExceptionMapper
  public Response storageUnavailable(StorageUnavailableException e, HttpServerRequest request) {
    logFailure(e, request);
    return errors
        .of(
            request,
            Status.SERVICE_UNAVAILABLE,
            ErrorResponses.detailed(STORE_UNAVAILABLE, e.detail()),
            e)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .build();
  }

  /**
   * A stored entry that cannot be written out: 500 naming the entry and the request id under which
   * the log holds the cause (which only debug mode returns).
   */
  @ServerExceptionMapper
  public Response unwritableEntry(UnwritableEntryException e, HttpServerRequest request) {
    logFailure(e, request);
    Object requestId = MDC.get(RequestLogFilter.REQ_ID);
    return errors
        .of(request, Status.INTERNAL_SERVER_ERROR, e.getMessage() + "; req_id=" + requestId, e)
        .build();
  }

  /** Anything unexpected: 500, logged with its stack trace, which only debug mode returns. */
  @ServerExceptionMapper
  public Response unexpected(Throwable e, HttpServerRequest request) {
    if (request.response().closed()) {
      // The client went away, mid-body most often: its fault, and no answer can reach it. 499
      // ("client closed request") for the canonical line and the metrics, never a 500.
      return Response.status(RequestLogFilter.CLIENT_CLOSED).build();
    }
    logFailure(e, request);
    return errors
        .of(
            request,
            Status.INTERNAL_SERVER_ERROR,
            Status.INTERNAL_SERVER_ERROR.getReasonPhrase(),
            e)
        .build();
  }

  /**
   * The request's canonical ERROR line logs the stack trace, with the request id and the outcome; a
   * line here as well would print it twice. Only when that line cannot carry it is it logged here.
   */
  private static void logFailure(Throwable e, HttpServerRequest request) {
    if (!RequestLogFilter.recordFailure(e)) {
      Log.errorf(e, "%s %s failed", request.method(), request.uri());
    }
  }
}

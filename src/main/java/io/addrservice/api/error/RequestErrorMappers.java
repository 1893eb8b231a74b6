package io.addrservice.api.error;

import io.addrservice.api.body.BodyTooLargeException;
import io.addrservice.api.body.InvalidCardException;
import io.addrservice.api.body.InvalidJsonException;
import io.addrservice.api.body.UnsupportedContentEncodingException;
import io.addrservice.service.InvalidRequestException;
import io.addrservice.service.Violation;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 400, 413 and 415: request bodies and parameters that the service cannot accept. */
public class RequestErrorMappers {
  private final ErrorResponses errors;

  RequestErrorMappers(ErrorResponses errors) {
    this.errors = errors;
  }

  /** A body that is not one JSON object: 400 "Invalid JSON body". */
  @ServerExceptionMapper
  public Response invalidJson(InvalidJsonException e, HttpServerRequest request) {
    return errors.of(request, Status.BAD_REQUEST, InvalidJsonException.MESSAGE, e).build();
  }

  /**
   * A card body that holds no card (or several where one is expected): 400 "Invalid card body", the
   * detail saying which.
   */
  @ServerExceptionMapper
  public Response invalidCard(InvalidCardException e, HttpServerRequest request) {
    return errors
        .of(
            request,
            Status.BAD_REQUEST,
            InvalidCardException.MESSAGE,
            List.of(new Violation("$", e.getMessage())),
            e)
        .build();
  }

  /**
   * A body over the size limit: 413, nothing stored, but for an import cut off on the way, whose
   * message says where it stopped.
   */
  @ServerExceptionMapper
  public Response tooLarge(BodyTooLargeException e, HttpServerRequest request) {
    String message = ErrorResponses.detailed(BodyTooLargeException.MESSAGE, e.detail());
    return errors.of(request, Status.REQUEST_ENTITY_TOO_LARGE, message, e).build();
  }

  /**
   * A body in a content coding the service does not decode: 415, naming the codings it does (RFC
   * 9110 §12.5.3), rather than reading the bytes as if they were plain.
   */
  @ServerExceptionMapper
  public Response unsupportedCoding(
      UnsupportedContentEncodingException e, HttpServerRequest request) {
    return errors
        .of(request, Status.UNSUPPORTED_MEDIA_TYPE, UnsupportedContentEncodingException.MESSAGE, e)
        .header(HttpHeaders.ACCEPT_ENCODING, UnsupportedContentEncodingException.ACCEPTED)
        .build();
  }

  /** Schema violations of a body, or bad query parameters: 400 listing every violation. */
  @ServerExceptionMapper
  public Response invalidRequest(InvalidRequestException e, HttpServerRequest request) {
    return errors.of(request, Status.BAD_REQUEST, e.getMessage(), e.violations(), e).build();
  }
}

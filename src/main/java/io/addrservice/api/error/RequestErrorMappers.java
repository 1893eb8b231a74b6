package io.addrservice.api.error;

import io.addrservice.api.BodyTooLargeException;
import io.addrservice.api.InvalidJsonException;
import io.addrservice.api.UnsupportedContentEncodingException;
import io.addrservice.api.body.InvalidCardException;
import io.addrservice.service.InvalidRequestException;
import io.addrservice.service.Violation;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.Comparator;
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

  /** A body over the size limit: 413, nothing stored. */
  @ServerExceptionMapper
  public Response tooLarge(BodyTooLargeException e, HttpServerRequest request) {
    return errors
        .of(request, Status.REQUEST_ENTITY_TOO_LARGE, BodyTooLargeException.MESSAGE, e)
        .build();
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

  /**
   * Bean Validation of the bound entry, wherever it was raised (Quarkus's own mapper would make a
   * violation below the resource a 500): 400 with the same body as a schema failure.
   */
  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
    List<Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Violation(jsonPath(v), v.getMessage()))
            .sorted(Comparator.comparing(Violation::path))
            .toList();
    return errors
        .of(request, Status.BAD_REQUEST, InvalidRequestException.INVALID_ENTRY, violations, e)
        .build();
  }

  /** "create.entry.addresses[0].streetName" becomes "$.addresses[0].street_name". */
  private static String jsonPath(ConstraintViolation<?> violation) {
    StringBuilder path = new StringBuilder("$");
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case PROPERTY, CONTAINER_ELEMENT -> {
          if (node.getIndex() != null) {
            path.append('[').append(node.getIndex()).append(']');
          }
          if (node.getName() != null && !node.getName().startsWith("<")) {
            path.append('.').append(snakeCase(node.getName()));
          }
        }
        default -> {
          // Method and parameter nodes name Java code, not the JSON body.
        }
      }
    }
    return path.toString();
  }

  private static String snakeCase(String javaName) {
    return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}

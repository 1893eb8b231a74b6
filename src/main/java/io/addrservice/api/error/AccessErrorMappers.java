package io.addrservice.api.error;

import io.addrservice.api.http.AccessControl;
import io.addrservice.api.http.AnonymousRemoteException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403: Quarkus security's refusals, answered with the JSON error body instead of its empty
 * responses. No message or trace names what was wrong inside a token, which would put its claims
 * into the canonical log line's {@code reason} and into debug-mode bodies.
 */
public class AccessErrorMappers {
  /** No bearer token, or one that is not a JWT, or a scheme other than Bearer. */
  public static final String TOKEN_REQUIRED = "Bearer token required";

  /** A token that failed verification: signature, algorithm, expiry, issuer, audience, claims. */
  public static final String INVALID_TOKEN = "Invalid bearer token";

  /** The start of a 403's message; the role it lacks follows. */
  public static final String MISSING_ROLE = "The token lacks the role ";

  /** RFC 6750's challenge for a request without a token. */
  private static final String BEARER = "Bearer";

  /** RFC 6750's challenge for a token that was refused. */
  private static final String BEARER_INVALID = "Bearer error=\"invalid_token\"";

  private final ErrorResponses errors;

  AccessErrorMappers(ErrorResponses errors) {
    this.errors = errors;
  }

  /** A token was sent and refused: 401. */
  @ServerExceptionMapper
  public Response invalidToken(AuthenticationFailedException e, HttpServerRequest request) {
    return unauthorized(request, INVALID_TOKEN, BEARER_INVALID);
  }

  /** No usable credential on a request that needs one: 401. */
  @ServerExceptionMapper
  public Response noToken(UnauthorizedException e, HttpServerRequest request) {
    return unauthorized(request, TOKEN_REQUIRED, BEARER);
  }

  /** A verified token without the role the request needs: 403 naming the role. */
  @ServerExceptionMapper
  public Response missingRole(ForbiddenException e, HttpServerRequest request) {
    String role = AccessControl.requiredRole(request.method().name());
    return errors.of(request, Status.FORBIDDEN, MISSING_ROLE + role, null).build();
  }

  /** Protected mode refused an anonymous remote peer: 403 naming the two ways out. */
  @ServerExceptionMapper
  public Response anonymousRemote(AnonymousRemoteException e, HttpServerRequest request) {
    return errors.of(request, Status.FORBIDDEN, e.getMessage(), null).build();
  }

  /** 401 with the bearer challenge (the one mechanism there is), as RFC 6750 asks. */
  private Response unauthorized(HttpServerRequest request, String message, String challenge) {
    return errors
        .of(request, Status.UNAUTHORIZED, message, null)
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .build();
  }
}

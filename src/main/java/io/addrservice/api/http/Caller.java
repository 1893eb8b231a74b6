package io.addrservice.api.http;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.config.AddrServiceConfig.AuthMode;
import io.addrservice.model.Owners;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, the one place where the web layer learns whose book a request
 * works on: the shared book in mode none, the verified token's owner claim ({@code
 * addrservice.auth.owner-claim}, {@code sub} by default) in mode jwt.
 *
 * <p>One instance for the application, reading the request through Quarkus's request-scoped {@link
 * RoutingContext} (a client proxy): a request-scoped Caller would be built, with its settings, for
 * every request.
 */
@Singleton
public class Caller {
  private final AuthMode mode;
  private final String ownerClaim;
  private final RoutingContext routing;

  Caller(AddrServiceConfig config, RoutingContext routing) {
    this.mode = config.auth().mode();
    this.ownerClaim = config.auth().ownerClaim();
    this.routing = routing;
  }

  /**
   * The owner of the caller's book. In mode jwt the request has passed {@link AccessControl}'s
   * check, so its token is verified; a token whose owner claim is missing, empty or not a string
   * names no book, and is refused like any other unusable token (401).
   */
  public String owner() {
    if (mode == AuthMode.NONE) {
      return Owners.SHARED_BOOK;
    }
    String owner = ownerOf(routing, ownerClaim);
    if (owner == null) {
      throw new AuthenticationFailedException("The token has no usable " + ownerClaim + " claim");
    }
    return owner;
  }

  /**
   * The owner named by the request's verified token, or null when there is none (mode none, no
   * token, a refused token, or no usable claim). A token that {@link VerifiedTokens} remembers has
   * its owner read once, not on every request.
   */
  public static String ownerOf(RoutingContext routing, String claim) {
    if (!(routing.user() instanceof QuarkusHttpUser user)) {
      return null;
    }
    SecurityIdentity identity = user.getSecurityIdentity();
    if (identity instanceof VerifiedTokens.Identity verified) {
      return verified.owner(claim);
    }
    return identity.getPrincipal() instanceof JsonWebToken token ? ownerOf(token, claim) : null;
  }

  /** The owner that {@code claim} of a verified token names, or null when it names none. */
  static String ownerOf(JsonWebToken token, String claim) {
    // Standard claims come back as String, others as JSON values.
    Object value = token.getClaim(claim);
    String owner =
        value instanceof String text
            ? text
            : value instanceof JsonString json ? json.getString() : null;
    return owner == null || owner.isEmpty() ? null : owner;
  }
}

package io.addrservice.api.http;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers the tokens that smallrye-jwt has verified, until they expire, so that a client sending
 * the same token on every request pays for its verification once. Verifying is the most part of a
 * request in mode jwt (an RSA signature, two JSON parses of the claims): without this, reads and
 * writes in mode jwt ran at a quarter to half of mode none's rate. Only an exact token string that
 * passed every check is remembered, and only until its {@code exp}; anything else goes to
 * smallrye-jwt's own provider ({@code MpJwtValidator}), which decides as it always does.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {
  /** Distinct live tokens kept; past it the memory starts again empty. */
  static final int CAPACITY = 10_000;

  /**
   * Where Quarkus puts the request's RoutingContext on an authentication request, as {@code
   * HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE} (whose class javac cannot read without warnings).
   */
  private static final String ROUTING_CONTEXT = "quarkus.http.routing.context";

  private final Instance<IdentityProvider<?>> providers;
  private final ConcurrentMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();
  private volatile IdentityProvider<TokenAuthenticationRequest> verifier;

  VerifiedTokens(@Any Instance<IdentityProvider<?>> providers) {
    this.providers = providers;
  }

  /**
   * smallrye-jwt's provider, found among the token providers rather than named: its class cannot be
   * compiled against without warnings (it names OSGi annotations that are not on the class path).
   */
  @SuppressWarnings("unchecked")
  private IdentityProvider<TokenAuthenticationRequest> verifier() {
    IdentityProvider<TokenAuthenticationRequest> found = verifier;
    if (found == null) {
      found =
          (IdentityProvider<TokenAuthenticationRequest>)
              providers.stream()
                  .filter(provider -> !(provider instanceof VerifiedTokens))
                  .filter(provider -> provider.getRequestType() == TokenAuthenticationRequest.class)
                  .max(Comparator.comparingInt(IdentityProvider::priority))
                  .orElseThrow(() -> new IllegalStateException("no bearer token verifier"));
      verifier = found;
    }
    return found;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  /** Before smallrye-jwt's own provider, which has the default priority. */
  @Override
  public int priority() {
    return IdentityProvider.super.priority() + 1;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    String token = request.getToken().getToken();
    JsonWebToken known = verified.get(token);
    if (known != null) {
      if (isLive(known, System.currentTimeMillis() / 1000)) {
        return Uni.createFrom().item(identity(known, request));
      }
      verified.remove(token, known);
    }
    return verifier().authenticate(request, context).invoke(identity -> remember(token, identity));
  }

  private void remember(String token, SecurityIdentity identity) {
    if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
      if (verified.size() >= CAPACITY) {
        verified.clear();
      }
      verified.put(token, jwt);
    }
  }

  /** Still before its expiry; a token without one is verified every time. */
  static boolean isLive(JsonWebToken token, long nowSeconds) {
    long expiry = token.getExpirationTime();
    return expiry > 0 && nowSeconds < expiry;
  }

  /** The identity smallrye-jwt builds for a verified token, for this request. */
  private static SecurityIdentity identity(JsonWebToken token, TokenAuthenticationRequest request) {
    QuarkusSecurityIdentity.Builder identity =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(token)
            .addCredential(request.getToken())
            .addRoles(token.getGroups())
            .addAttribute(SecurityIdentity.USER_ATTRIBUTE, token);
    if (request.getAttribute(ROUTING_CONTEXT) instanceof RoutingContext routing) {
      identity.addAttribute(RoutingContext.class.getName(), routing);
    }
    return identity.build();
  }
}

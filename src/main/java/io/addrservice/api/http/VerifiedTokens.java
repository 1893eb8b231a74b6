package io.addrservice.api.http;

import io.addrservice.config.AddrServiceConfig;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.security.Permission;
import java.security.Principal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>With the token it remembers what every request would otherwise build or read of it again
 * (jose4j's claim lookups): its expiry, the identity smallrye-jwt built for it (principal, the
 * token as credential, {@code groups} as roles) and its owner ({@link Caller}). Each request gets
 * its own {@link Identity}, which adds that request's RoutingContext as smallrye-jwt's identity
 * does, and shares the rest.
 */
@Singleton
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {
  /** Distinct live tokens kept; past it the memory starts again empty. */
  static final int CAPACITY = 10_000;

  /**
   * Where Quarkus puts the request's RoutingContext on an authentication request, as {@code
   * HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE} (whose class javac cannot read without warnings).
   */
  private static final String ROUTING_CONTEXT = "quarkus.http.routing.context";

  /** Where smallrye-jwt's identity, and so each {@link Identity}, holds the RoutingContext. */
  private static final String IDENTITY_ROUTING_CONTEXT = RoutingContext.class.getName();

  private final Instance<IdentityProvider<?>> providers;
  private final String ownerClaim;
  private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();
  private volatile IdentityProvider<TokenAuthenticationRequest> verifier;

  VerifiedTokens(@Any Instance<IdentityProvider<?>> providers, AddrServiceConfig config) {
    this.providers = providers;
    this.ownerClaim = config.auth().ownerClaim();
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
    SecurityIdentity known = remembered(token, routingContext(request));
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    return verifier()
        .authenticate(request, context)
        .map(identity -> remember(token, identity, request));
  }

  /**
   * The identity of {@code token} for the request of {@code routing} (which may be null) when the
   * token was verified before and has not expired; null when it must be verified.
   */
  SecurityIdentity remembered(String token, RoutingContext routing) {
    Verified known = verified.get(token);
    if (known == null) {
      return null;
    }
    if (isLive(known.expiry(), System.currentTimeMillis() / 1000)) {
      return new Identity(known, routing);
    }
    verified.remove(token, known);
    return null;
  }

  /**
   * Keeps what smallrye-jwt verified, and gives this request an {@link Identity} of it; anything
   * that is not a verified token's identity passes as it is.
   */
  private SecurityIdentity remember(
      String token, SecurityIdentity identity, TokenAuthenticationRequest request) {
    if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
      return identity;
    }
    Verified known = share(jwt, identity);
    if (verified.size() >= CAPACITY) {
      verified.clear();
    }
    verified.put(token, known);
    return new Identity(known, routingContext(request));
  }

  /**
   * What the requests with {@code token} share: the identity smallrye-jwt built for it, without the
   * RoutingContext of the request that brought it (kept, it would hold that request's memory until
   * the token expires).
   */
  private Verified share(JsonWebToken token, SecurityIdentity identity) {
    QuarkusSecurityIdentity.Builder shared =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(token)
            .addRoles(identity.getRoles())
            .addCredentials(identity.getCredentials())
            .addPermissions(identity.getPermissions())
            .setAnonymous(identity.isAnonymous());
    identity
        .getAttributes()
        .forEach(
            (name, value) -> {
              if (!IDENTITY_ROUTING_CONTEXT.equals(name) && !ROUTING_CONTEXT.equals(name)) {
                shared.addAttribute(name, value);
              }
            });
    return new Verified(
        token.getExpirationTime(), shared.build(), ownerClaim, Caller.ownerOf(token, ownerClaim));
  }

  private static RoutingContext routingContext(TokenAuthenticationRequest request) {
    return request.getAttribute(ROUTING_CONTEXT) instanceof RoutingContext routing ? routing : null;
  }

  /** Still before its expiry (seconds); a token without one is verified every time. */
  static boolean isLive(long expiry, long nowSeconds) {
    return expiry > 0 && nowSeconds < expiry;
  }

  /**
   * A verified token: its {@code exp} in seconds, the identity every request with it shares, and
   * its owner by {@code ownerClaim} (null when that claim names no book).
   */
  private record Verified(long expiry, SecurityIdentity shared, String ownerClaim, String owner) {}

  /**
   * One request's identity for a remembered token: the shared identity, and this request's
   * RoutingContext as an attribute under the name smallrye-jwt's identity gives it.
   */
  static final class Identity implements SecurityIdentity {
    private final Verified verified;
    private final RoutingContext routing;

    private Identity(Verified verified, RoutingContext routing) {
      this.verified = verified;
      this.routing = routing;
    }

    /**
     * The token's owner by {@code claim}, as {@link Caller#ownerOf(JsonWebToken, String)} reads it,
     * without reading the claim again when it is the one the service is configured with.
     */
    String owner(String claim) {
      return claim.equals(verified.ownerClaim())
          ? verified.owner()
          : Caller.ownerOf((JsonWebToken) getPrincipal(), claim);
    }

    @Override
    public Principal getPrincipal() {
      return verified.shared().getPrincipal();
    }

    @Override
    public boolean isAnonymous() {
      return verified.shared().isAnonymous();
    }

    @Override
    public Set<String> getRoles() {
      return verified.shared().getRoles();
    }

    @Override
    public boolean hasRole(String role) {
      return verified.shared().hasRole(role);
    }

    @Override
    public Set<Permission> getPermissions() {
      return verified.shared().getPermissions();
    }

    @Override
    public <T extends Credential> T getCredential(Class<T> type) {
      return verified.shared().getCredential(type);
    }

    @Override
    public Set<Credential> getCredentials() {
      return verified.shared().getCredentials();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(String name) {
      return routing != null && IDENTITY_ROUTING_CONTEXT.equals(name)
          ? (T) routing
          : verified.shared().getAttribute(name);
    }

    @Override
    public Map<String, Object> getAttributes() {
      Map<String, Object> attributes = new HashMap<>(verified.shared().getAttributes());
      if (routing != null) {
        attributes.put(IDENTITY_ROUTING_CONTEXT, routing);
      }
      return attributes;
    }

    @Override
    public Uni<Boolean> checkPermission(Permission permission) {
      return verified.shared().checkPermission(permission);
    }
  }
}

package io.addrservice.api.http;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.config.AddrServiceConfig.AuthMode;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * In mode jwt, gives a request under {@code /addresses} whose bearer token {@link VerifiedTokens}
 * remembers its identity before {@link AccessControl}'s check asks for it, so that the check takes
 * that identity at once instead of running Quarkus security's lazy authentication (the bearer
 * mechanism reading the header again, an authentication request, the identity provider chain): a
 * few microseconds of a request that costs some fifty. Only a token that smallrye-jwt verified and
 * that has not expired, read from the header exactly as smallrye-jwt reads it, is taken; anything
 * else, no token included, goes on to Quarkus security as it is, which authenticates it (and
 * answers 401) the usual way. The roles are checked the same way either way (403 without the role).
 */
@ApplicationScoped
public class RememberedTokens {
  /**
   * Just after Quarkus's authentication handler (priority 200), which sets the lazy identity this
   * replaces: filters run in descending priority.
   */
  private static final int PRIORITY = 199;

  private static final String AUTHORIZATION = "Authorization";

  private final VerifiedTokens tokens;

  RememberedTokens(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  /**
   * Registered in mode jwt when the token comes in the Authorization header, smallrye-jwt's default
   * ({@code mp.jwt.token.header}), and no {@link SecurityIdentityAugmentor} is there to change an
   * identity on every request (the service has none); otherwise every request goes through Quarkus
   * security.
   */
  void register(
      @Observes Filters filters,
      AddrServiceConfig config,
      Instance<JWTAuthContextInfo> verification,
      @Any Instance<SecurityIdentityAugmentor> augmentors) {
    if (config.auth().mode() != AuthMode.JWT
        || !AUTHORIZATION.equals(verification.get().getTokenHeader())
        || !augmentors.isUnsatisfied()) {
      return;
    }
    List<String> schemes = List.copyOf(verification.get().getTokenSchemes());
    filters.register(routing -> handle(routing, schemes), PRIORITY);
  }

  private void handle(RoutingContext routing, List<String> schemes) {
    if (routing.normalizedPath().startsWith(AccessControl.API_PREFIX)) {
      String token = bearerToken(routing.request().headers().get(AUTHORIZATION), schemes);
      if (token != null) {
        SecurityIdentity identity = tokens.remembered(token, routing);
        if (identity != null) {
          QuarkusHttpUser.setIdentity(identity, routing);
        }
      }
    }
    routing.next();
  }

  /**
   * The token in an Authorization header, as smallrye-jwt takes it: after the first of the
   * configured schemes ({@code smallrye.jwt.token.schemes}, Bearer by default) that the header
   * starts with, in any case, followed by a space. Null when there is none.
   */
  static String bearerToken(String header, List<String> schemes) {
    if (header == null) {
      return null;
    }
    for (String scheme : schemes) {
      int length = scheme.length() + 1;
      if (header.length() >= length
          && header.regionMatches(true, 0, scheme, 0, scheme.length())
          && header.charAt(scheme.length()) == ' ') {
        return header.substring(length);
      }
    }
    return null;
  }
}

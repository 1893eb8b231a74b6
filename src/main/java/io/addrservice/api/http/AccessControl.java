package io.addrservice.api.http;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.config.AddrServiceConfig.AuthMode;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.security.HttpSecurity;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may do what under {@code /addresses}. In mode jwt, every API request passes one check here
 * before its resource runs: reading needs {@value #READ_ROLE} or {@value #WRITE_ROLE}, anything
 * else {@value #WRITE_ROLE}. By path rather than by annotations, so an endpoint added later under
 * {@code /addresses} is covered without a word. In mode none nothing is checked: no request is ever
 * authenticated, and no key is needed.
 *
 * <p>The check is a request filter of the REST layer over Quarkus security's identity, not
 * Quarkus's HTTP permissions ({@code HttpSecurity.path(...).roles(...)}), which checked the same
 * roles through half a dozen Mutiny steps and a CDI request context on every request: a few µs of a
 * token-carrying GET's 50 (bench/README.md). It runs after the endpoint is matched, so that a
 * refusal reaches the exception mappers of {@code api.error} and gets the JSON error body, and
 * before the body is read (for a blocking endpoint, on its worker thread). Authentication stays
 * lazy ({@code quarkus.http.auth.proactive=false}): only this check ever asks for a token, and a
 * request whose token {@link RememberedTokens} recognised has its identity already.
 */
@ApplicationScoped
public class AccessControl {
  /** The role that may read the caller's book. */
  public static final String READ_ROLE = "addresses.read";

  /** The role that may also create, change, delete, import and merge. */
  public static final String WRITE_ROLE = "addresses.write";

  /** The API's paths: {@code /addresses} and everything below it start with it. */
  static final String API_PREFIX = "/addresses";

  private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  /**
   * One of these must name the key that verifies signatures; an issuer and an audience must be
   * given too, or a token that the same identity provider signed for another service would pass.
   */
  private static final List<String> KEY_SETTINGS =
      List.of(
          "mp.jwt.verify.publickey.location",
          "mp.jwt.verify.publickey",
          "smallrye.jwt.verify.key.location");

  private static final List<String> REQUIRED_SETTINGS =
      List.of("mp.jwt.verify.issuer", "mp.jwt.verify.audiences");

  /** The role a request with {@code method} needs. */
  public static String requiredRole(String method) {
    return READ_METHODS.contains(method.toUpperCase(Locale.ROOT)) ? READ_ROLE : WRITE_ROLE;
  }

  private final boolean jwt;

  AccessControl(AddrServiceConfig config) {
    this.jwt = config.auth().mode() == AuthMode.JWT;
  }

  /**
   * As Quarkus security is set up: in mode jwt, checks that the settings it needs are there and
   * that the key can be read, else the service does not start; in mode none, says how open it is.
   */
  void permissions(
      @Observes HttpSecurity security,
      AddrServiceConfig config,
      Config settings,
      Instance<JWTAuthContextInfo> verification) {
    AddrServiceConfig.Auth auth = config.auth();
    if (auth.mode() != AuthMode.JWT) {
      logOpenMode(auth);
      return;
    }
    List<String> missing = missingSettings(settings);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "addrservice.auth.mode=jwt needs " + String.join(" and ", missing));
    }
    // smallrye-jwt reads the key at the first request: a key that cannot be read would make every
    // request a 500. Read it now, so that such a service does not start.
    try {
      verification.get().getIssuedBy();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "addrservice.auth.mode=jwt cannot use its verification key: " + e.getMessage(), e);
    }
    Log.infof(
        "Access: bearer tokens (addrservice.auth.mode=jwt), issuer %s, one book per %s claim",
        settings.getValue("mp.jwt.verify.issuer", String.class), auth.ownerClaim());
  }

  /**
   * Refuses an API request in mode jwt whose caller has no identity (no token: 401) or lacks the
   * role its method needs (403). Quarkus security authenticates the token when this asks for the
   * identity; a token it refuses fails the request with its own 401.
   */
  @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
  public Uni<Void> checkAccess(RoutingContext routing) {
    if (!jwt || !routing.normalizedPath().startsWith(API_PREFIX)) {
      return null;
    }
    String role = requiredRole(routing.request().method().name());
    if (routing.user() instanceof QuarkusHttpUser user) {
      check(user.getSecurityIdentity(), role);
      return null;
    }
    Uni<SecurityIdentity> identity = routing.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
    return identity.map(
        found -> {
          check(found, role);
          return null;
        });
  }

  /** Passes when {@code identity} has {@code role} or the write role, which may do everything. */
  static void check(SecurityIdentity identity, String role) {
    if (identity == null || identity.isAnonymous()) {
      throw new UnauthorizedException();
    }
    if (!identity.hasRole(role) && !identity.hasRole(WRITE_ROLE)) {
      throw new ForbiddenException();
    }
  }

  /** The settings that mode jwt cannot do without and that are not set. */
  static List<String> missingSettings(Config settings) {
    List<String> missing = new ArrayList<>();
    if (KEY_SETTINGS.stream().noneMatch(name -> isSet(settings, name))) {
      missing.add("a verification key (" + String.join(" or ", KEY_SETTINGS) + ")");
    }
    REQUIRED_SETTINGS.stream().filter(name -> !isSet(settings, name)).forEach(missing::add);
    return missing;
  }

  private static boolean isSet(Config settings, String name) {
    return settings.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).isPresent();
  }

  private static void logOpenMode(AddrServiceConfig.Auth auth) {
    if (auth.allowAnonymousRemote()) {
      Log.warn(
          "Access: no authentication, and /addresses is open to every peer"
              + " (addrservice.auth.allow-anonymous-remote=true): anyone who reaches the port can"
              + " read and change the book");
    } else {
      Log.infof(
          "Access: no authentication (addrservice.auth.mode=none); /addresses serves only %s",
          auth.trustedPeers().stream().map(Object::toString).collect(Collectors.joining(",")));
    }
  }
}

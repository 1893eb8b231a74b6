package io.addrservice.api.http;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.config.AddrServiceConfig.AuthMode;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.security.HttpSecurity;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * Who may do what under {@code /addresses}. In mode jwt, Quarkus security checks every API request
 * against two HTTP permissions set here at start: reading needs {@value #READ_ROLE} or {@value
 * #WRITE_ROLE}, anything else {@value #WRITE_ROLE}. By path rather than by annotations, so an
 * endpoint added later under {@code /addresses} is covered without a word. In mode none nothing is
 * registered: no request is ever authenticated, and no key is needed.
 */
@ApplicationScoped
public class AccessControl {
  /** The role that may read the caller's book. */
  public static final String READ_ROLE = "addresses.read";

  /** The role that may also create, change, delete, import and merge. */
  public static final String WRITE_ROLE = "addresses.write";

  /** The start of every API path. */
  static final String API_PREFIX = "/addresses";

  /** The API's paths: {@code /addresses} and everything below it. */
  static final String API_PATHS = API_PREFIX + "*";

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

  /**
   * Registers the permissions in mode jwt. Checked in the REST layer ({@code applyToJaxRs}), after
   * the endpoint is matched, so that a refusal reaches the exception mappers of {@code api.error}
   * and gets the JSON error body; and authentication is lazy ({@code
   * quarkus.http.auth.proactive=false}), so only these checks ever ask for a token.
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
    security
        .path(API_PATHS)
        .methods(READ_METHODS.toArray(String[]::new))
        .applyToJaxRs()
        .roles(READ_ROLE, WRITE_ROLE);
    security.path(API_PATHS).applyToJaxRs().roles(WRITE_ROLE);
    Log.infof(
        "Access: bearer tokens (addrservice.auth.mode=jwt), issuer %s, one book per %s claim",
        settings.getValue("mp.jwt.verify.issuer", String.class), auth.ownerClaim());
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

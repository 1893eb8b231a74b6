package io.addrservice.api.http;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Real tokens for the tests, signed with the test key that {@link JwtModeProfile} trusts (or, to be
 * refused, with another key or none).
 */
final class Tokens {
  static final String ISSUER = "https://issuer.addrservice.test";
  static final String AUDIENCE = "addrservice";
  static final String READ = AccessControl.READ_ROLE;
  static final String WRITE = AccessControl.WRITE_ROLE;

  private Tokens() {}

  /** A new owner's name, so that every test starts from an empty book of its own. */
  static String newOwner() {
    return "user-" + UUID.randomUUID();
  }

  /** The claims of a valid token for {@code subject} with {@code roles}, to sign or to spoil. */
  static JwtClaimsBuilder claims(String subject, String... roles) {
    return Jwt.issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .groups(Set.of(roles))
        .expiresIn(300);
  }

  /** A valid token for {@code subject} with {@code roles}. */
  static String token(String subject, String... roles) {
    return sign(claims(subject, roles));
  }

  /** {@code claims} signed with the trusted test key (RS256). */
  static String sign(JwtClaimsBuilder claims) {
    return claims.sign(key("auth/test-private-key.pem"));
  }

  /** {@code claims} signed with a key the service does not trust. */
  static String signWithOtherKey(JwtClaimsBuilder claims) {
    return claims.sign(key("auth/other-private-key.pem"));
  }

  /** A valid token for {@code subject} stripped of its signature and marked {@code alg: none}. */
  static String unsigned(String subject, String... roles) {
    String payload = token(subject, roles).split("\\.")[1];
    return base64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
  }

  /**
   * {@code claims} signed with HS256, the trusted public key's PEM text as the shared secret: the
   * key-confusion attack on verifiers that take the algorithm from the token.
   */
  static String hmacWithPublicKey(JwtClaimsBuilder claims) {
    try (var in = Tokens.class.getClassLoader().getResourceAsStream("auth/test-public-key.pem")) {
      return claims.signWithSecret(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request that carries {@code token}. */
  static RequestSpecification as(String token) {
    return RestAssured.given().header("Authorization", bearer(token));
  }

  /** Creates {@code json} in the book of {@code token}'s owner; returns its path. */
  static String create(String token, String json) {
    return as(token)
        .body(json)
        .post("/addresses")
        .then()
        .statusCode(201)
        .extract()
        .header("Location");
  }

  /** {@code Authorization} header value for a token. */
  static String bearer(String token) {
    return "Bearer " + token;
  }

  static String base64url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static PrivateKey key(String location) {
    try {
      return KeyUtils.readPrivateKey(location);
    } catch (java.io.IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + location, e);
    }
  }
}

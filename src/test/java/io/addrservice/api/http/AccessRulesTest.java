package io.addrservice.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.config.TestConfig;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** The rules of access that need no server: roles per method, trusted peers, jwt's settings. */
class AccessRulesTest {
  private final ProtectedMode protectedMode = new ProtectedMode(TestConfig.defaults());

  @Test
  void readingNeedsTheReadRoleAndEverythingElseTheWriteRole() {
    for (String method : List.of("GET", "HEAD", "OPTIONS", "get")) {
      assertEquals(AccessControl.READ_ROLE, AccessControl.requiredRole(method), method);
    }
    for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "MERGE")) {
      assertEquals(AccessControl.WRITE_ROLE, AccessControl.requiredRole(method), method);
    }
  }

  @Test
  void theLoopbackRangesAreTrustedByDefault() {
    for (String host : List.of("127.0.0.1", "127.0.0.2", "127.255.255.254", "::1")) {
      assertTrue(protectedMode.isTrusted(SocketAddress.inetSocketAddress(40000, host)), host);
    }
    for (String host : List.of("10.0.0.1", "192.168.1.20", "128.0.0.1", "::2", "fe80::1")) {
      assertFalse(protectedMode.isTrusted(SocketAddress.inetSocketAddress(40000, host)), host);
    }
  }

  @Test
  void aLocalSocketFileIsTrusted() {
    assertTrue(protectedMode.isTrusted(SocketAddress.domainSocketAddress("/run/addrservice.sock")));
  }

  @Test
  void modeJwtNamesEverySettingItLacks() {
    assertEquals(
        List.of(
            "a verification key (mp.jwt.verify.publickey.location or mp.jwt.verify.publickey or"
                + " smallrye.jwt.verify.key.location)",
            "mp.jwt.verify.issuer",
            "mp.jwt.verify.audiences"),
        AccessControl.missingSettings(config(Map.of("mp.jwt.verify.issuer", " "))));
    assertEquals(
        List.of(),
        AccessControl.missingSettings(
            config(
                Map.of(
                    "mp.jwt.verify.publickey.location", "https://idp.example/jwks",
                    "mp.jwt.verify.issuer", "https://idp.example",
                    "mp.jwt.verify.audiences", "addrservice"))));
  }

  private static Config config(Map<String, String> settings) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(settings, "test", 100))
        .build();
  }

  @Test
  void aRememberedTokenServesOnlyUntilItsExpiry() {
    assertTrue(VerifiedTokens.isLive(1_000, 999));
    assertFalse(VerifiedTokens.isLive(1_000, 1_000));
    assertFalse(VerifiedTokens.isLive(0, 1));
  }

  @Test
  void theOwnerIsTheClaimsNonEmptyString() {
    JwtClaims claims = new JwtClaims();
    claims.setSubject("alice");
    claims.setClaim("tenant", "t-1");
    claims.setClaim("empty", "");
    claims.setClaim("number", 7);
    JsonWebToken token = new DefaultJWTCallerPrincipal(claims);
    assertEquals("alice", Caller.ownerOf(token, "sub"));
    assertEquals("t-1", Caller.ownerOf(token, "tenant"));
    for (String claim : List.of("empty", "number", "missing")) {
      assertNull(Caller.ownerOf(token, claim), claim);
    }
  }

  @Test
  void aRememberedTokenIsReadFromTheHeaderAsSmallryeJwtReadsIt() {
    List<String> bearer = List.of("Bearer");
    assertEquals("abc.def.ghi", RememberedTokens.bearerToken("Bearer abc.def.ghi", bearer));
    assertEquals("abc", RememberedTokens.bearerToken("bEARER abc", bearer));
    // What follows the one space is the token, as smallrye-jwt takes it: spaces and all.
    assertEquals(" abc ", RememberedTokens.bearerToken("Bearer  abc ", bearer));
    assertEquals("", RememberedTokens.bearerToken("Bearer ", bearer));
    for (String header : List.of("Bearer", "Bearerabc", "Basic abc", "Bearer\tabc", "Bear abc")) {
      assertNull(RememberedTokens.bearerToken(header, bearer), header);
    }
    assertNull(RememberedTokens.bearerToken(null, bearer));
    List<String> two = List.of("DPoP", "Bearer");
    assertEquals("abc", RememberedTokens.bearerToken("dpop abc", two));
    assertEquals("abc", RememberedTokens.bearerToken("Bearer abc", two));
  }

  @Test
  void readingNeedsEitherRoleAndWritingTheWriteRole() {
    SecurityIdentity reader = identity(AccessControl.READ_ROLE);
    SecurityIdentity writer = identity(AccessControl.WRITE_ROLE);
    SecurityIdentity neither = identity("profile.read");
    AccessControl.check(reader, AccessControl.READ_ROLE);
    AccessControl.check(writer, AccessControl.READ_ROLE);
    AccessControl.check(writer, AccessControl.WRITE_ROLE);
    assertThrows(
        ForbiddenException.class, () -> AccessControl.check(reader, AccessControl.WRITE_ROLE));
    for (String role : List.of(AccessControl.READ_ROLE, AccessControl.WRITE_ROLE)) {
      assertThrows(ForbiddenException.class, () -> AccessControl.check(neither, role));
      SecurityIdentity anonymous =
          QuarkusSecurityIdentity.builder()
              .setPrincipal(new QuarkusPrincipal(""))
              .setAnonymous(true)
              .build();
      assertThrows(UnauthorizedException.class, () -> AccessControl.check(anonymous, role));
      assertThrows(UnauthorizedException.class, () -> AccessControl.check(null, role));
    }
  }

  private static SecurityIdentity identity(String role) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal("alice"))
        .addRole(role)
        .build();
  }
}

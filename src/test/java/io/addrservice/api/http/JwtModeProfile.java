package io.addrservice.api.http;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** The service in mode jwt, trusting the test key pair under src/test/resources/auth. */
public class JwtModeProfile implements QuarkusTestProfile {
  private static final Path PUBLIC_KEY = Path.of("src/test/resources/auth/test-public-key.pem");

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "addrservice.auth.mode",
        "jwt",
        // A file, not a class-path resource: the packaged jar of the *IT tests has no test
        // resources.
        "mp.jwt.verify.publickey.location",
        PUBLIC_KEY.toAbsolutePath().toString(),
        "mp.jwt.verify.issuer",
        Tokens.ISSUER,
        "mp.jwt.verify.audiences",
        Tokens.AUDIENCE);
  }
}

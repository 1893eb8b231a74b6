/*
 * Prints a bearer token for dev mode, signed with the dev-only key beside this file, which only the
 * "%dev" profile trusts (application.yaml). JDK only: run it from the project root with
 *
 *   java src/main/dev/DevToken.java [SUBJECT [ROLE...]]
 *
 * SUBJECT is the owner of the book (default: dev); ROLEs go into `groups` (default:
 * addresses.read addresses.write). The token is valid for an hour. Use it with dev mode in jwt mode:
 *
 *   ./mvnw quarkus:dev -Daddrservice.auth.mode=jwt
 *   curl -H "Authorization: Bearer $(java src/main/dev/DevToken.java alice)" localhost:8080/addresses
 *
 * or paste it into Swagger UI's Authorize (http://localhost:8080/q/swagger-ui). This file and the
 * key are not in the jar or the images: nothing under src/main/dev is packaged.
 */
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

public class DevToken {
  static final Path KEY = Path.of("src/main/dev/dev-private-key.pem");
  static final String ISSUER = "https://addrservice.dev";
  static final String AUDIENCE = "addrservice";
  static final long LIFETIME_SECONDS = 3600;

  public static void main(String[] args) throws Exception {
    String subject = args.length > 0 ? args[0] : "dev";
    List<String> roles =
        args.length > 1
            ? Arrays.asList(args).subList(1, args.length)
            : List.of("addresses.read", "addresses.write");
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":"
            + json(ISSUER)
            + ",\"aud\":"
            + json(AUDIENCE)
            + ",\"sub\":"
            + json(subject)
            + ",\"groups\":["
            + roles.stream().map(DevToken::json).collect(Collectors.joining(","))
            + "],\"iat\":"
            + now
            + ",\"exp\":"
            + (now + LIFETIME_SECONDS)
            + "}";
    String signed = base64url(header.getBytes(StandardCharsets.UTF_8)) + "."
        + base64url(claims.getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(privateKey());
    rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
    System.out.println(signed + "." + base64url(rsa.sign()));
  }

  private static PrivateKey privateKey() throws Exception {
    String pem = Files.readString(KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  private static String base64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A JSON string: quotes, backslashes and control characters escaped. */
  private static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

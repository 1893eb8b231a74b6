package io.addrservice.api.http;

import static io.addrservice.api.http.Tokens.WRITE;
import static io.addrservice.api.http.Tokens.bearer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.addrservice.api.ApiTestSupport;
import io.addrservice.api.error.AccessErrorMappers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code addrservice.auth.owner-claim}: a claim other than {@code sub} names the book. */
@QuarkusTest
@TestProfile(OwnerClaimTest.ObjectIdOwners.class)
class OwnerClaimTest {
  private static final String CLAIM = "oid";

  /** Mode jwt, books named by the {@code oid} claim (as Entra ID tokens carry it). */
  public static class ObjectIdOwners extends JwtModeProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> settings = new HashMap<>(super.getConfigOverrides());
      settings.put("addrservice.auth.owner-claim", CLAIM);
      return settings;
    }
  }

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void theConfiguredClaimNamesTheBookNotTheSubject() {
    String subject = Tokens.newOwner();
    String first =
        Tokens.sign(Tokens.claims(subject, WRITE).claim(CLAIM, UUID.randomUUID().toString()));
    String second =
        Tokens.sign(Tokens.claims(subject, WRITE).claim(CLAIM, UUID.randomUUID().toString()));
    String location = Tokens.create(first, "{\"full_name\": \"Hedy Lamarr\"}");
    Tokens.as(first).get(location).then().statusCode(200).body("full_name", equalTo("Hedy Lamarr"));
    // The same subject under another oid is another owner.
    Tokens.as(second).get(location).then().statusCode(404);
  }

  @Test
  void aTokenWithoutTheClaimOrWithAnEmptyOneIsRefused() {
    for (String token :
        new String[] {
          Tokens.token(Tokens.newOwner(), WRITE),
          Tokens.sign(Tokens.claims(Tokens.newOwner(), WRITE).claim(CLAIM, "")),
          Tokens.sign(Tokens.claims(Tokens.newOwner(), WRITE).claim(CLAIM, 42))
        }) {
      ApiTestSupport.assertErrorBody(
          given().header("Authorization", bearer(token)).get("/addresses").then(),
          401,
          AccessErrorMappers.INVALID_TOKEN,
          "GET",
          "/addresses");
    }
  }
}

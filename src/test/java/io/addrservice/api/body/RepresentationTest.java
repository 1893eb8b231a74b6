package io.addrservice.api.body;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.ApiTestSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * What a client stores comes back the same: JSON types, exact numbers, any Unicode; absent optional
 * values are omitted and the lists are always present.
 */
@QuarkusTest
class RepresentationTest extends ApiTestSupport {
  @Test
  void valuesKeepTheirJsonTypeAndExactValue() {
    String sent =
        """
        {"full_name": "Zoë 山田 🌍 \\"quoted\\"",
         "addresses": [{"kind": "home", "unit_number": 1.50, "street_number": "12B",
                        "street_name": "Straße", "pincode": "110011", "country": "भारत"},
                       {"kind": "work", "street_number": 12, "street_name": "S",
                        "pincode": 110011, "country": "IN"}],
         "phone_numbers": [{"kind": "home", "country_code": 91,
                            "local_number": 123456789012345678901234567890}],
         "fax_numbers": [],
         "emails": [{"kind": "home", "email": "zoe@example.org"}]}
        """;
    String location = create(sent);
    String returned = given().get(location).then().statusCode(200).extract().asString();
    assertEquals(
        JsonPath.from(sent).getMap("$").toString(), JsonPath.from(returned).getMap("$").toString());
    assertTrue(returned.contains("\"pincode\":\"110011\""), returned);
    assertTrue(returned.contains("\"pincode\":110011"), returned);
    assertTrue(returned.contains("\"unit_number\":1.50"), returned);
    assertTrue(returned.contains("123456789012345678901234567890"), returned);
    assertEquals("Zoë 山田 🌍 \"quoted\"", JsonPath.from(returned).getString("full_name"), returned);
  }

  @Test
  void negativeZeroComesBackAsZeroWithItsScale() {
    String location =
        create(
            "{\"full_name\": \"A\", \"addresses\": [{\"kind\": \"home\", \"street_number\":"
                + " -0.0, \"street_name\": \"S\", \"pincode\": -0, \"country\": \"C\"}],"
                + " \"phone_numbers\": [{\"kind\": \"home\", \"country_code\": -0,"
                + " \"local_number\": -0.00}]}");
    String returned = given().get(location).then().statusCode(200).extract().asString();
    assertTrue(
        returned.contains("\"street_number\":0.0,") && returned.contains("\"pincode\":0,"),
        returned);
    assertTrue(
        returned.contains("\"country_code\":0,") && returned.contains("\"local_number\":0.00}"),
        returned);
  }

  @Test
  void absentOptionalsAreOmittedAndListsAlwaysPresent() {
    String location = create("{\"full_name\": \"Only Name\"}");
    String body = given().get(location).then().statusCode(200).extract().asString();
    assertEquals(
        "{\"full_name\":\"Only Name\",\"addresses\":[],\"phone_numbers\":[],"
            + "\"fax_numbers\":[],\"emails\":[]}",
        body);
  }
}

package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.Kind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the entry schema, good and bad, and exact binding of what passes. */
class EntryValidatorTest {
  private static final ObjectMapper MAPPER = JsonMapping.newMapper();
  private static final EntryValidator VALIDATOR = new EntryValidator(MAPPER);

  private static final String FULL =
      """
      {"full_name": "Bill Gates",
       "addresses": [{"kind": "work", "building_name": "Campus", "unit_number": 1.50,
                      "street_number": "12A", "street_name": "Microsoft Way", "locality": "L",
                      "city": "Redmond", "province": "WA", "pincode": "098052",
                      "country": "United States"},
                     {"kind": "home", "street_number": 7, "street_name": "Lake St",
                      "pincode": 98039, "country": "US"}],
       "phone_numbers": [{"kind": "work", "country_code": 1, "area_code": 425,
                          "local_number": 8828080}],
       "fax_numbers": [{"kind": "home", "country_code": 91, "local_number": 12345678901234567890}],
       "emails": [{"kind": "work", "email": "bill@microsoft.com"}]}
      """;

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  private static List<Violation> violations(String body) throws Exception {
    JsonNode tree = json(body);
    return assertThrows(InvalidRequestException.class, () -> VALIDATOR.toEntry(tree)).violations();
  }

  @Test
  void aFullEntryBindsWithExactValuesAndTypes() throws Exception {
    AddressEntry entry = VALIDATOR.toEntry(json(FULL));
    assertEquals("Bill Gates", entry.fullName());
    assertEquals(Kind.WORK, entry.addresses().get(0).kind());
    assertEquals(new BigDecimal("1.50"), entry.addresses().get(0).unitNumber());
    assertTrue(entry.addresses().get(0).pincode().isString());
    assertEquals("098052", entry.addresses().get(0).pincode().value());
    assertFalse(entry.addresses().get(1).pincode().isString());
    assertEquals(new BigDecimal("98039"), entry.addresses().get(1).pincode().value());
    assertEquals(new BigDecimal("12345678901234567890"), entry.faxNumbers().get(0).localNumber());
    assertEquals("bill@microsoft.com", entry.emails().get(0).email());
  }

  @Test
  void aFullEntryWritesBackAsItCame() throws Exception {
    JsonNode sent = json(FULL);
    JsonNode written = json(MAPPER.writeValueAsString(VALIDATOR.toEntry(sent)));
    assertEquals(sent, written);
  }

  @Test
  void onlyTheNameIsRequiredAndListsDefaultToEmpty() throws Exception {
    AddressEntry entry = VALIDATOR.toEntry(json("{\"full_name\": \"Ada\"}"));
    assertEquals(AddressEntry.named("Ada"), entry);
    assertEquals(List.of(), entry.emails());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}                                    | $.full_name | is required",
        "{\"full_name\": \"\"}                 | $.full_name | must not be blank",
        "{\"full_name\": \" \\t\"}             | $.full_name | must not be blank",
        "{\"full_name\": 5}                    | $.full_name | must be a string",
        "{\"full_name\": null}                 | $.full_name | must be a string",
        "{\"full_name\": \"A\", \"x\": 1}      | $.x         | is not a known property",
        "{\"full_name\": \"A\", \"a b\": 1}    | $['a b']    | is not a known property",
        "{\"full_name\": \"A\", \"emails\": {}} | $.emails   | must be an array",
        "{\"full_name\": \"A\", \"emails\": [1]} | $.emails[0] | must be an object",
      })
  void topLevelRules(String body, String path, String message) throws Exception {
    assertEquals(List.of(new Violation(path, message)), violations(body));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"kind\": \"car\",  | $.addresses[0].kind | must be one of [home, work]",
        "\"unit_number\": \"1\", | $.addresses[0].unit_number | must be a number",
        "\"street_number\": true, | $.addresses[0].street_number | must be a number or a string",
        "\"building_name\": 1, | $.addresses[0].building_name | must be a string",
        "\"locality\": [],   | $.addresses[0].locality | must be a string",
        "\"city\": {},       | $.addresses[0].city | must be a string",
        "\"province\": 2,    | $.addresses[0].province | must be a string",
        "\"floor\": 2,       | $.addresses[0].floor | is not a known property",
      })
  void addressRules(String extra, String path, String message) throws Exception {
    String body =
        "{\"full_name\": \"A\", \"addresses\": [{"
            + extra.replace("\"kind\": \"car\",", "")
            + (extra.startsWith("\"kind\"") ? extra : "\"kind\": \"home\",")
            + "\"street_name\": \"S\", \"pincode\": 1, \"country\": \"C\"}]}";
    assertEquals(List.of(new Violation(path, message)), violations(body));
  }

  @Test
  void aKindOfTheWrongTypeBreaksBothItsRules() throws Exception {
    assertEquals(
        List.of(
            new Violation("$.emails[0].kind", "must be a string"),
            new Violation("$.emails[0].kind", "must be one of [home, work]")),
        violations(
            "{\"full_name\": \"A\", \"emails\": [{\"kind\": 1, \"email\": \"a@example.com\"}]}"));
  }

  @Test
  void addressRequiredFieldsAreAllReported() throws Exception {
    assertEquals(
        List.of(
            new Violation("$.addresses[0].country", "is required"),
            new Violation("$.addresses[0].kind", "is required"),
            new Violation("$.addresses[0].pincode", "is required"),
            new Violation("$.addresses[0].street_name", "is required")),
        violations("{\"full_name\": \"A\", \"addresses\": [{}]}"));
  }

  @Test
  void blankStreetAndCountryAreRejected() throws Exception {
    assertEquals(
        List.of(
            new Violation("$.addresses[0].country", "must not be blank"),
            new Violation("$.addresses[0].street_name", "must not be blank")),
        violations(
            "{\"full_name\": \"A\", \"addresses\": [{\"kind\": \"home\", \"street_name\": \" \","
                + " \"pincode\": \"1\", \"country\": \"\"}]}"));
  }

  @Test
  void phoneRules() throws Exception {
    assertEquals(
        List.of(
            new Violation("$.fax_numbers[0].area_code", "must be a number"),
            new Violation("$.fax_numbers[0].kind", "must be one of [home, work]"),
            new Violation("$.phone_numbers[0].country_code", "is required"),
            new Violation("$.phone_numbers[0].kind", "is required"),
            new Violation("$.phone_numbers[0].local_number", "is required"),
            new Violation("$.phone_numbers[1].extension", "is not a known property"),
            new Violation("$.phone_numbers[1].local_number", "must be a number")),
        violations(
            """
            {"full_name": "A",
             "phone_numbers": [{}, {"kind": "home", "country_code": 1, "local_number": "5",
                                    "extension": 3}],
             "fax_numbers": [{"kind": "mobile", "country_code": 1, "area_code": "1",
                              "local_number": 2}]}
            """));
  }

  /**
   * The e-mail rule README states: RFC 5321/5322 syntax with RFC 6531 internationalised parts, the
   * domain by syntax only (no list of top-level domains).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bill@microsoft.com | true",
        "first.last+tag@mail.example.co.uk | true",
        "ada@engine.example | true",
        "qa@build.test | true",
        "ops@corp.internal | true",
        "a@x.invalid | true",
        "a@example.cmo | true",
        "a@foo.zz | true",
        "a@b | true",
        "a@localhost | true",
        "zoë@bücher.de | true",
        "a@xn--bcher-kva.de | true",
        "用户@例子.广告 | true",
        "δοκιμή@παράδειγμα.δοκιμή | true",
        "квіточка@пошта.укр | true",
        "a@example.xn--fiqs8s | true",
        "a@例子.中国 | true",
        "\"a b\"@example.org | true",
        "\"a@b\"@example.org | true",
        "\"a\\\"b\"@example.org | true",
        "!#$%%&'*+-/=?^_`{}~@example.org | true",
        "a@[127.0.0.1] | true",
        "a@[IPv6:2001:db8::1] | true",
        "%s@example.com | true",
        "%sa@example.com | false",
        "plain | false",
        "@example.com | false",
        "a@ | false",
        "@ | false",
        "a b@example.com | false",
        "a@exa mple.com | false",
        "a@b@example.com | false",
        "a@@example.com | false",
        "\"\"@example.com | false",
        "\"a\"b@example.com | false",
        ".a@example.com | false",
        "a.@example.com | false",
        "a..b@example.com | false",
        "a@foo-.com | false",
        "a@-foo.com | false",
        "a@foo..com | false",
        "a@foo.com. | false",
        "a@.foo.com | false",
        "a@1.2.3.4 | false",
        "a@[300.0.0.1] | false",
        "a@[IPv6:zz::1] | false",
        "a@foo_bar.com | false",
        "a\tb@example.com | false",
      })
  void emailAddressesFollowTheDocumentedRule(String template, boolean accepted) throws Exception {
    String address = String.format(template.replace("\\t", "\t"), "l".repeat(64));
    String body =
        "{\"full_name\": \"A\", \"emails\": [{\"kind\": \"home\", \"email\": "
            + MAPPER.writeValueAsString(address)
            + "}]}";
    if (accepted) {
      assertEquals(address, VALIDATOR.toEntry(json(body)).emails().get(0).email());
    } else {
      assertEquals(
          List.of(new Violation("$.emails[0].email", "must be an e-mail address")),
          violations(body));
    }
  }

  @Test
  void emailAddressesAreBoundedInOctets() throws Exception {
    String label = "d".repeat(63);
    String longest = "l".repeat(64) + "@" + String.join(".", label, label, "d".repeat(61));
    assertEquals(254, longest.length());
    String body = "{\"full_name\": \"A\", \"emails\": [{\"kind\": \"home\", \"email\": \"%s\"}]}";
    assertEquals(
        longest, VALIDATOR.toEntry(json(String.format(body, longest))).emails().get(0).email());
    assertEquals(
        List.of(new Violation("$.emails[0].email", "must be an e-mail address")),
        violations(String.format(body, "l" + longest)));
    // 22 two-octet letters are 44 octets, within 64; 33 are 66, over it.
    assertEquals(
        1, VALIDATOR.toEntry(json(String.format(body, "ü".repeat(32) + "@x.de"))).emails().size());
    assertEquals(
        List.of(new Violation("$.emails[0].email", "must be an e-mail address")),
        violations(String.format(body, "ü".repeat(33) + "@x.de")));
  }

  @Test
  void emailRules() throws Exception {
    assertEquals(
        List.of(
            new Violation("$.emails[0].email", "is required"),
            new Violation("$.emails[1].email", "must be an e-mail address"),
            new Violation("$.emails[2].email", "must be a string")),
        violations(
            """
            {"full_name": "A", "emails": [{"kind": "home"},
              {"kind": "work", "email": "not an address"}, {"kind": "work", "email": 7}]}
            """));
  }

  @Test
  void textWithU0000IsRefusedEverywhere() throws Exception {
    assertEquals(
        List.of(
            new Violation("$.emails[0].email", "must be an e-mail address"),
            new Violation("$.emails[0].email", "must not contain the character U+0000"),
            new Violation("$.full_name", "must not contain the character U+0000")),
        violations(
            "{\"full_name\": \"A\\u0000B\", \"emails\": [{\"kind\": \"home\","
                + " \"email\": \"a\\u0000@example.com\"}]}"));
  }

  @Test
  void unpairedSurrogatesAreRefusedAndPairsKept() throws Exception {
    String unpaired = "must not contain an unpaired surrogate (U+D800 to U+DFFF)";
    assertEquals(
        List.of(
            new Violation("$.addresses[0].city", unpaired),
            new Violation("$.emails[0].email", unpaired),
            new Violation("$.full_name", unpaired)),
        violations(
            """
            {"full_name": "x\\ud800y", "emails": [{"kind": "home", "email": "a\\udc00@b.org"}],
             "addresses": [{"kind": "home", "street_name": "S", "pincode": 1, "country": "C",
                            "city": "\\udc00\\ud800"}]}
            """));
    assertEquals(
        List.of(new Violation("$.full_name", unpaired)),
        violations("{\"full_name\": \"A\\ud83c\"}"));
    assertEquals(
        "Earth \uD83C\uDF0D",
        VALIDATOR.toEntry(json("{\"full_name\": \"Earth \\ud83c\\udf0d\"}")).fullName());
  }

  @Test
  void negativeZeroIsZeroWithItsScale() throws Exception {
    AddressEntry entry =
        VALIDATOR.toEntry(
            json(
                "{\"full_name\": \"A\", \"phone_numbers\": [{\"kind\": \"home\","
                    + " \"country_code\": -0, \"area_code\": -0.0, \"local_number\": -0E+2}]}"));
    assertEquals(
        "[{\"kind\":\"home\",\"country_code\":0,\"area_code\":0.0,\"local_number\":0}]",
        MAPPER.writeValueAsString(entry.phoneNumbers()));
  }

  @Test
  void numbersAreBoundedInDigitsNotInValue() throws Exception {
    String tooBig = "1e" + (EntryValidator.MAX_DIGITS + 1);
    String tooSmall = "1e-" + (EntryValidator.MAX_DIGITS + 1);
    assertEquals(
        List.of(
            new Violation(
                "$.phone_numbers[0].country_code",
                "must have at most 1000 digits before and after the decimal point"),
            new Violation(
                "$.phone_numbers[0].local_number",
                "must have at most 1000 digits before and after the decimal point")),
        violations(
            "{\"full_name\": \"A\", \"phone_numbers\": [{\"kind\": \"home\","
                + " \"country_code\": "
                + tooBig
                + ", \"local_number\": "
                + tooSmall
                + "}]}"));
    AddressEntry fine =
        VALIDATOR.toEntry(
            json(
                "{\"full_name\": \"A\", \"phone_numbers\": [{\"kind\": \"home\","
                    + " \"country_code\": 1e2, \"local_number\": 1e999}]}"));
    String written = MAPPER.writeValueAsString(fine);
    assertTrue(written.contains("\"country_code\":100,"), written);
  }

  @ParameterizedTest
  @CsvSource({
    "1e2147483647",
    "-1e2147483647",
    "12345678901234567890e2147483647",
    "1e-2147483647",
    "1e1000",
    "0e-1001",
    "1.5e-1000"
  })
  void exponentsNearTheIntLimitAreRefusedNotOverflowed(String number) throws Exception {
    assertEquals(
        List.of(new Violation("$.addresses[0].street_number", EntryValidator.NUMBER_RULE)),
        violations(
            "{\"full_name\": \"A\", \"addresses\": [{\"kind\": \"home\", \"street_number\": "
                + number
                + ", \"street_name\": \"S\", \"pincode\": 1, \"country\": \"C\"}]}"));
  }

  @Test
  void everyViolationIsListedNotOnlyTheFirst() throws Exception {
    List<Violation> all =
        violations(
            "{\"full_name\": 1, \"x\": 2, \"addresses\": [{\"kind\": \"car\"}],"
                + " \"emails\": [{\"kind\": \"home\", \"email\": \"nope\"}]}");
    assertEquals(7, all.size(), all.toString());
  }
}

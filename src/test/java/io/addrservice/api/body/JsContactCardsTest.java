package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.JsonMapping;
import io.addrservice.service.EntryValidator;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSContact Cards written elsewhere (RFC 9553's own examples' shapes) import as expected. */
class JsContactCardsTest {
  private final ObjectMapper mapper = JsonMapping.newMapper();

  @Test
  void aCardInTheShapesOfRfc9553ImportsWithEveryDroppedPartNamed() throws IOException {
    ImportedCard imported =
        JsContactMapping.fromCard(
            mapper.readTree(getClass().getResourceAsStream("/cards/rfc9553.json")));
    assertEquals(
        mapper.writeValueAsString(
            mapper.readTree(
                """
                {"full_name":"Robert Müller",
                 "addresses":[{"kind":"work","street_number":"54321","street_name":"Oak St",
                   "city":"Reston","province":"VA","pincode":"20190","country":"USA"}],
                 "phone_numbers":[
                   {"kind":"home","country_code":1,"area_code":555,"local_number":5555555},
                   {"kind":"work","country_code":1,"area_code":555,"local_number":5555557}],
                 "fax_numbers":[
                   {"kind":"work","country_code":1,"area_code":555,"local_number":5555556}],
                 "emails":[{"kind":"work","email":"jqpublic@xyz.example.com"}]}
                """)),
        mapper.writeValueAsString(imported.json()));
    assertNull(imported.id());
    assertEquals(
        List.of(
            "name.components: not kept (an entry has one full name)",
            "nicknames: not kept (an entry has no field for it)",
            "addresses.k23: component separator \" \" not kept",
            "addresses.k23.countryCode: not kept",
            "addresses.k23.defaultSeparator: not kept",
            "addresses.k23.isOrdered: not kept",
            "addresses.k24: dropped: its contexts are neither private (home) nor work",
            "phones.tel0: \";ext=5555\" (an extension) not kept",
            "phones.tel3: features mobile,text not kept",
            "emails.e2.pref: not kept",
            "emails.e2: dropped: its contexts are neither private (home) nor work",
            "notes: not kept (an entry has no field for it)",
            "uid: \"22B2C7DF-9120-4969-8460-05956FE6B065\" not kept (not an id of this service)"),
        imported.warnings());
    new EntryValidator(mapper).toEntry(imported.json());
  }

  @Test
  void jsonThatIsNotACardIsRefused() throws IOException {
    InvalidCardException refused =
        assertThrows(
            InvalidCardException.class,
            () -> JsContactMapping.fromCard(mapper.readTree("{\"@type\":\"Group\"}")));
    assertEquals(
        "a JSContact Card is a JSON object with \"@type\": \"Card\"", refused.getMessage());
  }
}

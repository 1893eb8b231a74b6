package io.addrservice.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.api.body.Representation;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.JsonMapping;
import io.addrservice.service.EntryValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The OpenAPI document's card examples are exactly what the service writes for its entry. */
class CardExamplesTest {
  private static final String ID = "0190f8a1b2c37d4e8f90a1b2c3d4e5f6";
  private final ObjectMapper mapper = JsonMapping.newMapper();

  @Test
  void theExamplesAreTheServicesOwnOutput() throws IOException {
    AddressEntry entry = new EntryValidator(mapper).toEntry(mapper.readTree(Examples.ENTRY));
    assertEquals(
        Examples.VCARD,
        new String(Representation.VCARD_4.body(ID, entry, mapper), StandardCharsets.UTF_8));
    assertEquals(
        mapper.readTree(Examples.JSCONTACT),
        mapper.readTree(Representation.JSCONTACT.body(ID, entry, mapper)));
  }
}

package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardReader;
import ezvcard.io.text.VCardWriter;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.JsonMapping;
import io.addrservice.service.EntryValidator;
import io.addrservice.service.InvalidRequestException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Entry to card to entry is exact, for many generated valid entries: every field, every number's
 * JSON type and digits, every text, the order of every list, and the id through the UID; and
 * reading back what this service wrote warns of nothing.
 */
class CardRoundTripTest {
  private static final int ENTRIES = 1000;
  private static final String ID = "0190f8a1b2c37d4e8f90a1b2c3d4e5f6";

  private final ObjectMapper mapper = JsonMapping.newMapper();
  private final EntryValidator validator = new EntryValidator(mapper);

  @ParameterizedTest
  @EnumSource(
      value = VCardVersion.class,
      names = {"V3_0", "V4_0"})
  void entryToVCardToEntryIsExact(VCardVersion version) throws IOException {
    EntryGenerator generator = new EntryGenerator(version.ordinal());
    for (int i = 0; i < ENTRIES; i++) {
      ObjectNode json = generator.entry();
      AddressEntry entry = valid(json);
      String text = write(VCardMapping.toVCard(ID, entry, version), version);
      VCardReader reader = VCardMapping.reader(new StringReader(text));
      VCard card = reader.readNext();
      assertEquals(List.of(), reader.getWarnings().stream().map(Object::toString).toList(), text);
      ImportedCard back = VCardMapping.fromVCard(card, List.of());
      assertEquals(List.of(), back.warnings(), text);
      assertEquals(ID, back.id());
      assertEquals(asJson(entry), asJson(valid(back.json())), text);
      assertNull(reader.readNext());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void entryToJsContactToEntryIsExact(long seed) throws IOException {
    EntryGenerator generator = new EntryGenerator(seed);
    for (int i = 0; i < ENTRIES; i++) {
      AddressEntry entry = valid(generator.entry());
      String text = mapper.writeValueAsString(JsContactMapping.toCard(ID, entry));
      ImportedCard back = JsContactMapping.fromCard(mapper.readTree(text));
      assertEquals(List.of(), back.warnings(), text);
      assertEquals(ID, back.id());
      assertEquals(asJson(entry), asJson(valid(back.json())), text);
    }
  }

  private AddressEntry valid(JsonNode json) {
    try {
      return validator.toEntry(json);
    } catch (InvalidRequestException e) {
      throw new AssertionError(e.violations() + " in " + json, e);
    }
  }

  private String asJson(AddressEntry entry) throws IOException {
    JsonNode tree = mapper.readTree(mapper.writeValueAsString(entry));
    return mapper.writeValueAsString(tree);
  }

  private static String write(VCard card, VCardVersion version) {
    StringWriter out = new StringWriter();
    try (VCardWriter writer = VCardMapping.writer(out, version)) {
      writer.write(card);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}

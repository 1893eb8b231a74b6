package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pieces of the card mappings: phone numbers, UIDs, encoded text and headers. */
class CardPartsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+1 (408) 555-0199       | {\"country_code\":1,\"area_code\":408,\"local_number\":5550199}",
        "tel:+44-20-7946-0958    | {\"country_code\":44,\"area_code\":20,\"local_number\":79460958}",
        "+44 (0)161 496 0000     | {\"country_code\":44,\"area_code\":161,\"local_number\":4960000}",
        "+91 9876543210          | {\"country_code\":91,\"local_number\":9876543210}",
        "+33 4.77.12.34.56       | {\"country_code\":33,\"area_code\":4,\"local_number\":77123456}",
        "+15551234567            | {\"country_code\":1,\"local_number\":5551234567}",
        "+919876543210           | {\"country_code\":91,\"local_number\":9876543210}",
        "+35312345678            | {\"country_code\":353,\"local_number\":12345678}"
      })
  void phoneNumbersSplitAtTheirWritersSeparators(String number, String parts) {
    List<String> warnings = new ArrayList<>();
    ObjectNode read = PhoneNumbers.parse(number, "TEL 1", warnings);
    assertEquals(parts, read.toString());
    assertEquals(List.of(), warnings);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(030) 7654321 | TEL 1: \"(030) 7654321\" dropped: it has no country code (an international"
            + " number starts with +)",
        "+1            | TEL 1: \"+1\" dropped: it is too short to be a phone number",
        "+1 555 CALL-NOW | TEL 1: \"+1 555 CALL-NOW\" dropped: it is not a phone number"
      })
  void numbersThatCannotBeSplitWithoutGuessingAreDroppedWithAReason(String number, String warning) {
    List<String> warnings = new ArrayList<>();
    assertNull(PhoneNumbers.parse(number, "TEL 1", warnings));
    assertEquals(List.of(warning), warnings);
  }

  @Test
  void anExtensionIsReportedAndTheNumberKept() {
    List<String> warnings = new ArrayList<>();
    ObjectNode read = PhoneNumbers.parse("tel:+1-555-555-5555;ext=5555", "TEL 1", warnings);
    assertEquals(
        "{\"country_code\":1,\"area_code\":555,\"local_number\":5555555}", read.toString());
    assertEquals(List.of("TEL 1: \";ext=5555\" (an extension) not kept"), warnings);
  }

  @Test
  void uidsAreUrnUuidsOfIds() {
    assertEquals(
        "urn:uuid:0190f8a1-b2c3-7d4e-8f90-a1b2c3d4e5f6",
        CardUids.uid("0190f8a1b2c37d4e8f90a1b2c3d4e5f6"));
    assertEquals(
        "0190f8a1b2c37d4e8f90a1b2c3d4e5f6",
        CardUids.id("URN:UUID:0190F8A1-B2C3-7D4E-8F90-A1B2C3D4E5F6"));
    assertNull(CardUids.id("0190f8a1-b2c3-7d4e-8f90-a1b2c3d4e5f6"));
    assertNull(CardUids.id("urn:uuid:not-a-uuid"));
    assertNull(CardUids.id(null));
  }

  @Test
  void textVCardCannotCarryIsPercentEncodedAndDecodesExactly() {
    String text = "a\rb\u0001c%d\n\te 日本 %zz";
    assertEquals("a%0Db%01c%25d\n\te 日本 %25zz", CardText.encode(text));
    assertEquals(text, CardText.decode(CardText.encode(text)));
    assertEquals("100%", CardText.decode("100%"));
  }

  @Test
  void droppedHeaderValuesAreAsciiAndDecodeToTheWarning() {
    assertEquals(
        "TEL 1: \"(030) 7654321\" dropped",
        DroppedHeader.encode("TEL 1: \"(030) 7654321\" dropped"));
    assertEquals("ADR 1: M%C3%BCller 100%25", DroppedHeader.encode("ADR 1: Müller 100%"));
  }
}

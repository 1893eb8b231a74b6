package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.property.Telephone;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TEL scribe that skips the library's failed URI parse reads every value as the library does.
 */
class TelephoneTextScribeTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "TEL;TYPE=HOME,VOICE:+91 11 00000005",
        "TEL;VALUE=uri;TYPE=work:tel:+1-555-555-5555;ext=5555",
        "TEL;VALUE=uri:+1 555 0100",
        "TEL;VALUE=uri:tel:",
        "TEL:TEL:+44-20-7946-0958",
        "TEL:tel:not a number",
        "TEL:te\\,l:+1",
        "TEL:",
        "TEL;TYPE=fax:(030) 7654321\\, ext. 2"
      })
  void readsLikeTheLibrary(String line) throws IOException {
    for (String version : List.of("3.0", "4.0")) {
      String card = "BEGIN:VCARD\r\nVERSION:" + version + "\r\n" + line + "\r\nEND:VCARD\r\n";
      try (VCardReader library = new VCardReader(card);
          VCardReader ours = new VCardReader(card)) {
        ours.registerScribe(new TelephoneTextScribe());
        VCard expected = library.readNext();
        VCard read = ours.readNext();
        assertNotNull(read);
        Telephone want = expected.getTelephoneNumbers().get(0);
        Telephone got = read.getTelephoneNumbers().get(0);
        assertEquals(want.getText(), got.getText(), line);
        assertEquals(String.valueOf(want.getUri()), String.valueOf(got.getUri()), line);
        assertEquals(want.getParameters(), got.getParameters(), line);
        assertEquals(
            library.getWarnings().stream().map(Object::toString).toList(),
            ours.getWarnings().stream().map(Object::toString).toList(),
            line);
      }
    }
  }
}

package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import io.addrservice.model.JsonMapping;
import io.addrservice.service.EntryValidator;
import io.addrservice.service.InvalidRequestException;
import io.addrservice.service.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vCards in the shapes that phones and mail clients export (written by hand under
 * src/test/resources/cards: folded lines, quoted-printable, non-ASCII, item groups, TYPE=pref,
 * numbers without a kind) import as the expected entry, with every dropped part named.
 */
class RealCardsTest {
  private final ObjectMapper mapper = JsonMapping.newMapper();
  private final EntryValidator validator = new EntryValidator(mapper);

  @Test
  void android21() {
    assertImports(
        "android-2.1.vcf",
        null,
        """
        {"full_name":"田中 太郎","addresses":[],"phone_numbers":[{"kind":"home","country_code":81,"area_code":3,"local_number":12345678}],"fax_numbers":[],"emails":[{"kind":"work","email":"taro@example.jp"}]}
        """,
        List.of(
            "TEL 2: TYPE cell not kept",
            "TEL 2: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "N: not kept (an entry has no field for it)"));
  }

  @Test
  void folded30() {
    assertImports(
        "folded-3.0.vcf",
        null,
        """
        {"full_name":"Fold Ing","addresses":[{"kind":"home","street_name":"Ünterer Weg 1","city":"Zürich","province":"ZH","pincode":"8001","country":"Schweiz"}],"phone_numbers":[],"fax_numbers":[],"emails":[{"kind":"home","email":"fold@example.ch"}]}
        """,
        List.of(
            "N: not kept (an entry has no field for it)",
            "NOTE: not kept (an entry has no field for it)"));
  }

  @Test
  void google30() {
    assertImports(
        "google-3.0.vcf",
        null,
        """
        {"full_name":"Priya Sharma","addresses":[{"kind":"home","street_name":"42 MG Road","city":"New Delhi","province":"Delhi","pincode":"110001","country":"India"}],"phone_numbers":[{"kind":"home","country_code":91,"area_code":11,"local_number":23456789},{"kind":"work","country_code":91,"local_number":1123456789}],"fax_numbers":[],"emails":[{"kind":"home","email":"priya@example.in"},{"kind":"work","email":"priya.sharma@example.com"}]}
        """,
        List.of(
            "TEL 1: TYPE cell not kept",
            "TEL 1: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "N: not kept (an entry has no field for it)",
            "item1.ORG: not kept (an entry has no field for it)",
            "item1.X-ABLABEL: not kept (an entry has no field for it)",
            "CATEGORIES: not kept (an entry has no field for it)"));
  }

  @Test
  void ios30() {
    assertImports(
        "ios-3.0.vcf",
        null,
        """
        {"full_name":"Johnny Appleseed","addresses":[{"kind":"home","street_name":"1 Infinite Loop","city":"Cupertino","province":"CA","pincode":"95014","country":"United States"},{"kind":"work","building_name":"Building 3","street_name":"One Apple Park Way","city":"Cupertino","province":"CA","pincode":"95014","country":"United States"}],"phone_numbers":[{"kind":"home","country_code":1,"area_code":408,"local_number":5550123}],"fax_numbers":[{"kind":"work","country_code":1,"area_code":408,"local_number":5550150}],"emails":[{"kind":"home","email":"johnny@example.com"},{"kind":"work","email":"j.appleseed@example.com"}]}
        """,
        List.of(
            "ADR 1: TYPE pref not kept",
            "TEL 1: TYPE cell,pref not kept",
            "TEL 1: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "EMAIL 1: TYPE pref not kept",
            "N: not kept (an entry has no field for it)",
            "ORG: not kept (an entry has no field for it)",
            "item1.X-ABADR: not kept (an entry has no field for it)",
            "item2.X-ABADR: not kept (an entry has no field for it)",
            "NOTE: not kept (an entry has no field for it)",
            "PHOTO: not kept (an entry has no field for it)"));
  }

  @Test
  void macos30() {
    assertImports(
        "macos-3.0.vcf",
        null,
        """
        {"full_name":"山田 花子","addresses":[{"kind":"home","street_name":"千代田1-1","city":"千代田区","province":"東京都","pincode":"100-0001","country":"日本"}],"phone_numbers":[{"kind":"home","country_code":81,"area_code":3,"local_number":12345678}],"fax_numbers":[],"emails":[{"kind":"home","email":"hanako@example.jp"}]}
        """,
        List.of(
            "ADR 1: TYPE pref not kept",
            "TEL 1: TYPE pref not kept",
            "TEL 2: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "EMAIL 1: TYPE pref not kept",
            "N: not kept (an entry has no field for it)",
            "X-PHONETIC-FIRST-NAME: not kept (an entry has no field for it)",
            "X-PHONETIC-LAST-NAME: not kept (an entry has no field for it)",
            "item1.X-ABADR: not kept (an entry has no field for it)",
            "item2.X-ABLABEL: not kept (an entry has no field for it)",
            "X-ABUID: not kept (an entry has no field for it)",
            "BDAY: not kept (an entry has no field for it)"));
  }

  @Test
  void noFn21() {
    assertImports(
        "no-fn-2.1.vcf",
        null,
        """
        {"addresses":[],"phone_numbers":[{"kind":"home","country_code":1,"area_code":212,"local_number":5550100}],"fax_numbers":[],"emails":[]}
        """,
        List.of("N: not kept (an entry has no field for it)"));
  }

  @Test
  void outlook21() {
    assertImports(
        "outlook-2.1.vcf",
        null,
        """
        {"full_name":"Jürgen Müller","addresses":[{"kind":"work","street_name":"Hauptstraße 5","city":"Berlin","pincode":"10115","country":"Deutschland"}],"phone_numbers":[{"kind":"work","country_code":49,"area_code":30,"local_number":1234567}],"fax_numbers":[{"kind":"work","country_code":49,"area_code":30,"local_number":1234568}],"emails":[]}
        """,
        List.of(
            "ADR 1: parameter LABEL not kept",
            "ADR 1: TYPE pref not kept",
            "TEL 2: \"(030) 7654321\" dropped: it has no country code (an international number starts with +)",
            "EMAIL 1: TYPE pref not kept",
            "EMAIL 1: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "N: not kept (an entry has no field for it)",
            "ORG: not kept (an entry has no field for it)",
            "X-MS-OL-DEFAULT-POSTAL-ADDRESS: not kept (an entry has no field for it)",
            "REV: not kept (an entry has no field for it)"));
  }

  @Test
  void outlook30() {
    assertImports(
        "outlook-3.0.vcf",
        null,
        """
        {"full_name":"Outlook Person","addresses":[{"kind":"work","street_name":"One Microsoft Way","city":"Redmond","province":"WA","pincode":"98052","country":"United States of America"}],"phone_numbers":[{"kind":"work","country_code":1,"area_code":425,"local_number":5550100},{"kind":"home","country_code":1,"area_code":425,"local_number":5550101},{"kind":"work","country_code":1,"area_code":425,"local_number":5550101}],"fax_numbers":[],"emails":[]}
        """,
        List.of(
            "ADR 1: TYPE pref not kept",
            "EMAIL 1: TYPE pref not kept",
            "EMAIL 1: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "N: not kept (an entry has no field for it)",
            "X-MS-CARDPICTURE: not kept (an entry has no field for it)"));
  }

  @Test
  void ownExportEdited40() {
    assertImports(
        "own-export-edited-4.0.vcf",
        "0190f8a1b2c37d4e8f90a1b2c3d4e5f6",
        """
        {"full_name":"Returning Entry","addresses":[{"kind":"home","street_number":12,"street_name":"Station Road","city":"Pune","pincode":"411001","country":"India"},{"kind":"work","street_name":"Station Road 7","city":"Pune","pincode":"411001","country":"India"}],"phone_numbers":[],"fax_numbers":[],"emails":[]}
        """,
        List.of("ADR 2: X-ADDRSERVICE-STREET-NUMBER not kept (the street does not start with it)"));
  }

  @Test
  void quotedPrintable30() {
    assertImports(
        "quoted-printable-3.0.vcf",
        null,
        """
        {"full_name":"Élodie Dupont","addresses":[{"kind":"home","street_name":"12 rue de l’Église","city":"Saint-Étienne","pincode":"42000","country":"France"}],"phone_numbers":[{"kind":"home","country_code":33,"area_code":4,"local_number":77123456}],"fax_numbers":[],"emails":[{"kind":"home","email":"elodie@example.fr"}]}
        """,
        List.of("N: not kept (an entry has no field for it)"));
  }

  @Test
  void rfc635040() {
    assertImports(
        "rfc6350-4.0.vcf",
        null,
        """
        {"full_name":"Dr. Ana María Pérez-González","addresses":[{"kind":"work","building_name":"Planta 3","street_name":"Calle Mayor 10","city":"Madrid","province":"Madrid","pincode":"28013","country":"España"}],"phone_numbers":[{"kind":"work","country_code":34,"area_code":91,"local_number":5550100}],"fax_numbers":[{"kind":"home","country_code":34,"area_code":91,"local_number":5550199}],"emails":[{"kind":"work","email":"ana.perez@example.es"}]}
        """,
        List.of(
            "ADR 1: parameter LABEL not kept",
            "TEL 1: parameter PREF not kept",
            "TEL 1: \";ext=102\" (an extension) not kept",
            "KIND: not kept (an entry has no field for it)",
            "N: not kept (an entry has no field for it)",
            "GENDER: not kept (an entry has no field for it)",
            "LANG: not kept (an entry has no field for it)",
            "REV: not kept (an entry has no field for it)"));
  }

  @Test
  void thunderbird40() {
    assertImports(
        "thunderbird-4.0.vcf",
        null,
        """
        {"full_name":"Jane Doe","addresses":[{"kind":"home","street_name":"221B Baker Street","city":"London","pincode":"NW1 6XE","country":"United Kingdom"}],"phone_numbers":[{"kind":"work","country_code":44,"area_code":20,"local_number":79460958},{"kind":"home","country_code":44,"area_code":161,"local_number":4960000}],"fax_numbers":[],"emails":[{"kind":"work","email":"jane.doe@work.example.com"}]}
        """,
        List.of(
            "TEL 3: TYPE cell not kept",
            "TEL 3: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "EMAIL 1: parameter PREF not kept",
            "EMAIL 1: dropped: it is neither home nor work (TYPE=home or TYPE=work)",
            "UID: \"6f8a7d63-4bd0-4d42-9f4e-2d7e5a1b3c9d\" not kept (not an id of this service)",
            "N: not kept (an entry has no field for it)",
            "NOTE: not kept (an entry has no field for it)"));
  }

  @Test
  void aCardWithoutFnIsRefusedByTheSchemaNotGivenAGuessedName() {
    ImportedCard imported = read("no-fn-2.1.vcf");
    InvalidRequestException refused =
        assertThrows(InvalidRequestException.class, () -> validator.toEntry(imported.json()));
    assertEquals(List.of(new Violation("$.full_name", "is required")), refused.violations());
  }

  private void assertImports(String name, String id, String json, List<String> warnings) {
    ImportedCard imported = read(name);
    try {
      // As text: the mapping makes exact decimal nodes, the parser int nodes of the same numbers.
      assertEquals(
          mapper.writeValueAsString(mapper.readTree(json)),
          mapper.writeValueAsString(imported.json()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(id, imported.id());
    assertEquals(warnings, imported.warnings());
    if (imported.json().has("full_name")) {
      // Valid as an entry: the import stores exactly this.
      validator.toEntry(imported.json());
    }
  }

  private static ImportedCard read(String name) {
    InputStream in = RealCardsTest.class.getResourceAsStream("/cards/" + name);
    try (VCardReader reader =
        VCardMapping.reader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      VCard card = reader.readNext();
      ImportedCard imported =
          VCardMapping.fromVCard(
              card, reader.getWarnings().stream().map(Object::toString).toList());
      assertNull(reader.readNext(), "one card per fixture");
      return imported;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

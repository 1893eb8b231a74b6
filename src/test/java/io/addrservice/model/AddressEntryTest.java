package io.addrservice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The records' own guarantees and their JSON form. */
class AddressEntryTest {
  private static final ObjectMapper MAPPER = JsonMapping.newMapper();

  @Test
  void absentListsAreEmptyAndListsCannotChange() {
    List<Email> emails = new ArrayList<>(List.of(new Email(Kind.HOME, "a@example.com")));
    AddressEntry entry = new AddressEntry("A", null, null, null, emails);
    emails.clear();
    assertEquals(1, entry.emails().size());
    assertEquals(List.of(), entry.addresses());
    assertThrows(UnsupportedOperationException.class, () -> entry.emails().clear());
  }

  @Test
  void listsOfEveryLengthComeBackEqualAndImmutable() throws Exception {
    Email a = new Email(Kind.HOME, "a@example.com");
    Email b = new Email(Kind.WORK, "b@example.com");
    for (List<Email> emails : List.of(List.<Email>of(), List.of(a), List.of(a, b), List.of(b, a))) {
      AddressEntry entry = new AddressEntry("A", null, null, null, new ArrayList<>(emails));
      assertEquals(emails, entry.emails());
      assertThrows(UnsupportedOperationException.class, () -> entry.emails().add(a));
      AddressEntry same = new AddressEntry("A", null, null, null, emails);
      assertEquals(same, entry);
      assertEquals(same.hashCode(), entry.hashCode());
      assertEquals(entry, MAPPER.readValue(MAPPER.writeValueAsString(entry), AddressEntry.class));
      for (List<Email> others : List.of(List.<Email>of(), List.of(a), List.of(a, a))) {
        if (!others.equals(emails)) {
          assertNotEquals(new AddressEntry("A", null, null, null, others), entry);
        }
      }
    }
    assertThrows(
        NullPointerException.class,
        () -> new AddressEntry("A", null, null, null, Collections.singletonList(null)));
    assertThrows(
        NullPointerException.class,
        () -> new AddressEntry("A", null, null, null, Arrays.asList(a, null)));
  }

  @Test
  void absentScalarsAreOmittedAndListsAlwaysWritten() throws Exception {
    Address address =
        new Address(
            Kind.WORK, null, null, null, "Main St", null, null, null, NumberOrString.of("1"), "IN");
    String json =
        MAPPER.writeValueAsString(new AddressEntry("A", List.of(address), null, null, null));
    assertEquals(
        "{\"full_name\":\"A\",\"addresses\":[{\"kind\":\"work\",\"street_name\":\"Main St\","
            + "\"pincode\":\"1\",\"country\":\"IN\"}],\"phone_numbers\":[],\"fax_numbers\":[],"
            + "\"emails\":[]}",
        json);
  }

  @Test
  void numberOrStringKeepsItsForm() throws Exception {
    NumberOrString text = MAPPER.readValue("\"007\"", NumberOrString.class);
    NumberOrString number = MAPPER.readValue("7.10", NumberOrString.class);
    assertTrue(text.isString());
    assertFalse(number.isString());
    assertEquals("\"007\"", MAPPER.writeValueAsString(text));
    assertEquals("7.10", MAPPER.writeValueAsString(number));
    assertEquals(NumberOrString.of(new BigDecimal("7.10")), number);
    assertNotEquals(NumberOrString.of("7.10"), number);
    assertEquals(number.hashCode(), NumberOrString.of(new BigDecimal("7.10")).hashCode());
    assertEquals("007", text.toString());
    assertThrows(Exception.class, () -> MAPPER.readValue("true", NumberOrString.class));
  }

  @Test
  void versionMatch() {
    assertTrue(VersionMatch.any().matches(42));
    assertTrue(VersionMatch.any().unconditional());
    assertTrue(VersionMatch.oneOf(Set.of(3L, 4L)).matches(4));
    assertFalse(VersionMatch.oneOf(Set.of(3L)).matches(4));
    assertFalse(VersionMatch.oneOf(Set.of()).matches(1));
  }
}

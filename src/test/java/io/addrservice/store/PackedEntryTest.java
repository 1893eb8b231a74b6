package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.addrservice.model.Address;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.Kind;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Phone;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A packed entry gives back an entry equal to the one packed, whatever the lengths of its lists and
 * the shapes of its numbers (RandomDocumentsTest checks the same through the stores, on generated
 * documents).
 */
class PackedEntryTest {
  private static final Address HOME = FileStoreTest.FULL.addresses().get(0);
  private static final Address WORK =
      new Address(
          Kind.WORK,
          null,
          null,
          null,
          "Main St",
          null,
          null,
          null,
          NumberOrString.of(new BigDecimal("42")),
          "US");
  private static final Email MAIL = new Email(Kind.HOME, "zoe@example.org");
  private static final Email OFFICE = new Email(Kind.WORK, "zoe@work.example");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-0",
        "7",
        "26541234",
        "-26541234",
        "999999999999999999",
        "-999999999999999999",
        "1000000000000000000",
        "9223372036854775807",
        "9223372036854775808",
        "26541234.0",
        "2654.1234",
        "1E+3",
        "1e999",
        "-9.99e-5",
        "0.000"
      })
  void aPhoneComesBackWithItsLocalNumberExactly(String local) {
    BigDecimal number = new BigDecimal(local);
    Phone phone = new Phone(Kind.WORK, new BigDecimal("91"), new BigDecimal("80"), number);
    AddressEntry entry =
        new AddressEntry("Zoë", List.of(), List.of(phone), List.of(phone, phone), List.of());
    AddressEntry back = PackedEntry.of(entry).entry();
    assertEquals(entry, back);
    for (Phone each : back.phoneNumbers()) {
      assertEquals(number.toString(), each.localNumber().toString());
      assertEquals(number.scale(), each.localNumber().scale());
    }
    assertEquals(number.toString(), back.faxNumbers().get(1).localNumber().toString());
  }

  @Test
  void everyLengthOfEveryListComesBackInOrder() {
    Phone whole = new Phone(Kind.HOME, BigDecimal.ONE, null, new BigDecimal("5550100"));
    Phone fractional = new Phone(Kind.WORK, BigDecimal.ONE, null, new BigDecimal("5550.100"));
    List<List<Address>> addresses = List.of(List.of(), List.of(HOME), List.of(HOME, WORK, HOME));
    List<List<Phone>> phones =
        List.of(List.of(), List.of(whole), List.of(fractional), List.of(fractional, whole, whole));
    List<List<Email>> emails = List.of(List.of(), List.of(MAIL), List.of(OFFICE, MAIL));
    for (List<Address> a : addresses) {
      for (List<Phone> p : phones) {
        for (List<Email> e : emails) {
          List<Phone> faxes = new ArrayList<>(p);
          Collections.reverse(faxes);
          AddressEntry entry = new AddressEntry("Ann", a, p, faxes, e);
          AddressEntry back = PackedEntry.of(entry).entry();
          assertEquals(entry, back);
          assertEquals(entry.hashCode(), back.hashCode());
        }
      }
    }
  }

  @Test
  void eachReadIsAnEntryOfItsOwnThatCannotBeChanged() {
    PackedEntry packed =
        PackedEntry.of(new AddressEntry("Ann", List.of(HOME), List.of(), null, List.of(MAIL)));
    AddressEntry first = packed.entry();
    AddressEntry second = packed.entry();
    assertEquals(first, second);
    assertNotSame(first, second);
    assertThrows(UnsupportedOperationException.class, () -> first.addresses().add(WORK));
    assertThrows(UnsupportedOperationException.class, () -> first.emails().clear());
  }
}

package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.model.Address;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.Kind;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Repeated values are kept once, and a shared value is always equal to the one given. */
class SharedValuesTest {
  @Test
  void smallWholeNumbersAreOneInstance() {
    assertSame(
        SharedValues.number(new BigDecimal("91")), SharedValues.number(new BigDecimal("91")));
    assertSame(SharedValues.number(new BigDecimal("0")), SharedValues.number(BigDecimal.ZERO));
    assertSame(
        SharedValues.number(new BigDecimal("9999")), SharedValues.number(new BigDecimal("9999")));
    assertNull(SharedValues.number(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"91", "91.0", "9.1E+1", "-5", "10000", "123456789012", "0.5", "1E+3"})
  void aSharedNumberHasTheSameDigitsAndScale(String text) {
    BigDecimal given = new BigDecimal(text);
    BigDecimal shared = SharedValues.number(given);
    assertEquals(given, shared);
    assertEquals(given.scale(), shared.scale());
    assertEquals(given.toString(), shared.toString());
  }

  @Test
  void smallWholeNumbersAreWrappedOnceAndOthersKeepTheirForm() {
    NumberOrString twelve = SharedValues.numberOrString(NumberOrString.of(new BigDecimal("12")));
    assertSame(twelve, SharedValues.numberOrString(NumberOrString.of(new BigDecimal("12"))));
    assertSame(SharedValues.number(BigDecimal.valueOf(12)), twelve.value());
    NumberOrString scaled = SharedValues.numberOrString(NumberOrString.of(new BigDecimal("12.0")));
    assertEquals("12.0", scaled.toString());
    NumberOrString large = NumberOrString.of(new BigDecimal("123456"));
    assertSame(large, SharedValues.numberOrString(large));
    assertNull(SharedValues.numberOrString(null));
  }

  @Test
  void shortTextsAreWrappedOnceAndKeepTheirForm() {
    NumberOrString pincode = SharedValues.numberOrString(NumberOrString.of(new String("000416")));
    assertSame(pincode, SharedValues.numberOrString(NumberOrString.of(new String("000416"))));
    assertTrue(pincode.isString());
    assertEquals("000416", pincode.value());
    assertNotEquals(
        SharedValues.numberOrString(NumberOrString.of(new BigDecimal("416"))),
        SharedValues.numberOrString(NumberOrString.of("416")));
  }

  @Test
  void shortTextsSeenLatelyAreOneInstanceAndLongOnesAreLeftAlone() {
    String first = SharedValues.text(new String("New Delhi"));
    assertSame(first, SharedValues.text(new String("New Delhi")));
    String longText = "x".repeat(SharedValues.SHORT_TEXT + 1);
    assertSame(longText, SharedValues.text(longText));
    assertNull(SharedValues.text(null));
  }

  @Test
  void entriesWrittenToABookShareTheirRepeatedValues() {
    MemoryStore store = new MemoryStore();
    store.insert("owner", "a", entry("Mumbai", "1111111"), null);
    store.insert("owner", "b", entry("Mumbai", "2222222"), null);
    store.replace("owner", "b", entry("Mumbai", "3333333"), VersionMatch.any());
    AddressEntry one = store.find("owner", "a").orElseThrow().entry();
    AddressEntry two = store.find("owner", "b").orElseThrow().entry();
    Address first = one.addresses().get(0);
    Address second = two.addresses().get(0);
    assertSame(first.buildingName(), second.buildingName());
    assertSame(first.streetName(), second.streetName());
    assertSame(first.city(), second.city());
    assertSame(first.pincode(), second.pincode());
    assertSame(first.streetNumber(), second.streetNumber());
    Phone a = one.phoneNumbers().get(0);
    Phone b = two.phoneNumbers().get(0);
    assertSame(a.countryCode(), b.countryCode());
    assertSame(a.areaCode(), b.areaCode());
    assertEquals(new BigDecimal("3333333"), b.localNumber());
  }

  /** An entry whose values are new instances each time, as a request's binding makes them. */
  private static AddressEntry entry(String city, String localNumber) {
    Address address =
        new Address(
            Kind.HOME,
            new String("Block 4"),
            null,
            NumberOrString.of(new BigDecimal("12")),
            new String("MG Road"),
            null,
            new String(city),
            new String("Maharashtra"),
            NumberOrString.of(new String("400001")),
            new String("India"));
    Phone phone =
        new Phone(
            Kind.HOME, new BigDecimal("91"), new BigDecimal("22"), new BigDecimal(localNumber));
    return new AddressEntry(
        new String("Ann"),
        List.of(address),
        List.of(phone),
        List.of(),
        List.of(new Email(Kind.WORK, "ann@example.com")));
  }
}

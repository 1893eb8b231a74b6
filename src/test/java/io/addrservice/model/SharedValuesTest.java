package io.addrservice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
    NumberOrString twelve = NumberOrString.of(new BigDecimal("12"));
    assertSame(twelve, NumberOrString.of(new BigDecimal("12")));
    assertSame(SharedValues.number(BigDecimal.valueOf(12)), twelve.value());
    NumberOrString scaled = NumberOrString.of(new BigDecimal("12.0"));
    assertEquals("12.0", scaled.toString());
    assertEquals(
        NumberOrString.of(new BigDecimal("123456")), NumberOrString.of(BigDecimal.valueOf(123456)));
  }

  @Test
  void shortTextsAreWrappedOnceAndKeepTheirForm() {
    NumberOrString pincode = NumberOrString.of(new String("000416"));
    assertSame(pincode, NumberOrString.of(new String("000416")));
    assertTrue(pincode.isString());
    assertEquals("000416", pincode.value());
    assertNotEquals(NumberOrString.of(new BigDecimal("416")), NumberOrString.of("416"));
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
  void entriesBoundFromJsonShareTheirRepeatedValues() {
    Address one = address("Mumbai");
    Address two = address("Mumbai");
    assertEquals(one, two);
    assertSame(one.buildingName(), two.buildingName());
    assertSame(one.streetName(), two.streetName());
    assertSame(one.city(), two.city());
    assertSame(one.pincode().value(), two.pincode().value());
    Phone a = new Phone(Kind.HOME, new BigDecimal("91"), new BigDecimal("22"), BigDecimal.ONE);
    Phone b = new Phone(Kind.WORK, new BigDecimal("91"), new BigDecimal("22"), BigDecimal.TEN);
    assertSame(a.countryCode(), b.countryCode());
    assertSame(a.areaCode(), b.areaCode());
  }

  private static Address address(String city) {
    return new Address(
        Kind.HOME,
        new String("Block 4"),
        null,
        null,
        new String("MG Road"),
        null,
        new String(city),
        "Maharashtra",
        NumberOrString.of(new String("400001")),
        "India");
  }
}

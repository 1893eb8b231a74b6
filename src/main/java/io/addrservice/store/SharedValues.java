package io.addrservice.store;

import io.addrservice.model.Address;
import io.addrservice.model.NumberOrString;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * One instance for values that many entries repeat, so that a book the memory and file engines hold
 * keeps each once: small whole numbers (country and area codes, unit numbers) and short texts
 * (building and street names, cities, provinces, countries, pincodes). Both are bounded: numbers
 * from a fixed table, texts in a fixed number of slots where a newcomer replaces whatever held its
 * slot, so nothing grows with what clients send. A shared value is equal to the one given (the same
 * digits and scale, the same characters), so nothing a client reads back changes.
 *
 * <p>It lives with the books it serves, not in the model: the model holds data only, and only an
 * engine that keeps entries in memory has a use for it.
 */
final class SharedValues {
  /** Whole numbers below this share one instance. */
  static final int SMALL_NUMBERS = 10_000;

  /** Texts up to this length share one instance. */
  static final int SHORT_TEXT = 32;

  /** A power of two: a text's slot is its hash's low bits. */
  private static final int TEXT_SLOTS = 1 << 12;

  private static final BigDecimal[] NUMBERS = new BigDecimal[SMALL_NUMBERS];

  /** The shared small numbers wrapped once, for pincodes and street numbers sent as numbers. */
  private static final NumberOrString[] WRAPPED_NUMBERS = new NumberOrString[SMALL_NUMBERS];

  private static final TextSlots<String> TEXTS = new TextSlots<>(Function.identity());

  /**
   * Short texts wrapped once: a pincode that many entries repeat is one instance, wrapper and all.
   */
  private static final TextSlots<NumberOrString> WRAPPED_TEXTS =
      new TextSlots<>(wrapped -> (String) wrapped.value());

  static {
    for (int i = 0; i < SMALL_NUMBERS; i++) {
      NUMBERS[i] = BigDecimal.valueOf(i);
      WRAPPED_NUMBERS[i] = NumberOrString.of(NUMBERS[i]);
    }
  }

  private SharedValues() {}

  /** An address equal to {@code address} whose repeated values are the shared instances. */
  static Address address(Address address) {
    return new Address(
        address.kind(),
        text(address.buildingName()),
        number(address.unitNumber()),
        numberOrString(address.streetNumber()),
        text(address.streetName()),
        text(address.locality()),
        text(address.city()),
        text(address.province()),
        numberOrString(address.pincode()),
        text(address.country()));
  }

  /**
   * The shared instance of {@code number} when it is a small whole number written without a point.
   */
  static BigDecimal number(BigDecimal number) {
    int small = smallNumber(number);
    return small < 0 ? number : NUMBERS[small];
  }

  /** A shared instance equal to {@code text} when it is short and was seen lately, else itself. */
  static String text(String text) {
    return TEXTS.shared(text, Function.identity());
  }

  /** A shared instance equal to {@code value} when it wraps a small number or a short text. */
  static NumberOrString numberOrString(NumberOrString value) {
    if (value == null) {
      return null;
    }
    if (value.isString()) {
      return WRAPPED_TEXTS.shared(
          (String) value.value(), text -> NumberOrString.of(SharedValues.text(text)));
    }
    int small = smallNumber((BigDecimal) value.value());
    return small < 0 ? value : WRAPPED_NUMBERS[small];
  }

  /**
   * The value of {@code number} when it is a small whole number written without a point, else -1.
   */
  private static int smallNumber(BigDecimal number) {
    if (number == null || number.scale() != 0 || number.signum() < 0 || number.precision() > 4) {
      return -1;
    }
    return number.intValue();
  }

  /** Immutable values made from short texts, one per slot, the latest seen in each. */
  private static final class TextSlots<T> {
    private final Object[] slots = new Object[TEXT_SLOTS];
    private final Function<T, String> textOf;

    /** Slots for values whose text is {@code textOf} of them. */
    TextSlots(Function<T, String> textOf) {
      this.textOf = textOf;
    }

    /**
     * The value held for {@code text} when it was seen lately, else {@code make} of it (kept when
     * the text is short).
     */
    @SuppressWarnings("unchecked")
    T shared(String text, Function<String, T> make) {
      if (text == null || text.length() > SHORT_TEXT) {
        return make.apply(text);
      }
      int slot = text.hashCode() & (TEXT_SLOTS - 1);
      // Racy on purpose: a slot holds some complete, immutable value, and any answer is equal.
      T held = (T) slots[slot];
      if (held != null && text.equals(textOf.apply(held))) {
        return held;
      }
      T made = make.apply(text);
      slots[slot] = made;
      return made;
    }
  }
}

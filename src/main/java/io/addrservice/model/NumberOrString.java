package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A value a client may send either as a JSON number or as a JSON string (a pincode, a street
 * number); it keeps the form and the exact value it came in.
 */
@RegisterForReflection
public final class NumberOrString {
  /**
   * Short texts seen lately, wrapped once ({@link SharedValues.TextSlots}): a pincode that many
   * entries repeat is then one instance, wrapper and all.
   */
  private static final SharedValues.TextSlots<NumberOrString> SHORT_TEXTS =
      new SharedValues.TextSlots<>(wrapped -> (String) wrapped.value);

  /** The shared small whole numbers ({@link SharedValues}), each wrapped once too. */
  private static final NumberOrString[] SMALL_NUMBERS =
      new NumberOrString[SharedValues.SMALL_NUMBERS];

  static {
    for (int i = 0; i < SMALL_NUMBERS.length; i++) {
      SMALL_NUMBERS[i] = new NumberOrString(SharedValues.number(BigDecimal.valueOf(i)));
    }
  }

  private final Object value;

  private NumberOrString(Object value) {
    this.value = Objects.requireNonNull(value);
  }

  /** A string value, written back as a JSON string. */
  public static NumberOrString of(String text) {
    return SHORT_TEXTS.shared(text, unwrapped -> new NumberOrString(SharedValues.text(unwrapped)));
  }

  /** A numeric value, written back as a JSON number with the same digits. */
  public static NumberOrString of(BigDecimal number) {
    int small = SharedValues.smallNumber(number);
    return small < 0 ? new NumberOrString(number) : SMALL_NUMBERS[small];
  }

  /** Binds a JSON scalar: strings stay strings, numbers stay exact numbers. */
  @JsonCreator
  static NumberOrString fromJson(JsonNode json) {
    if (json.isTextual()) {
      return of(json.textValue());
    }
    if (json.isNumber()) {
      return of(json.decimalValue());
    }
    throw new IllegalArgumentException("expected a number or a string, got " + json.getNodeType());
  }

  /** The value as Jackson writes it: a String or a BigDecimal. */
  @JsonValue
  public Object value() {
    return value;
  }

  /** Whether the client sent a JSON string. */
  public boolean isString() {
    return value instanceof String;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NumberOrString that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

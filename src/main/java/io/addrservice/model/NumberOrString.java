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
  private final Object value;

  private NumberOrString(Object value) {
    this.value = Objects.requireNonNull(value);
  }

  /** A string value, written back as a JSON string. */
  public static NumberOrString of(String text) {
    return new NumberOrString(text);
  }

  /** A numeric value, written back as a JSON number with the same digits. */
  public static NumberOrString of(BigDecimal number) {
    return new NumberOrString(number);
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

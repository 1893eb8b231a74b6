package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A phone or fax number: a value, equal to another with the same kind and numbers (the same digits
 * and scale).
 *
 * <p>A class, not a record, for the local number's sake. Country and area codes are small numbers
 * that many entries repeat ({@link SharedValues} keeps them once), but a local number is mostly
 * unique to its phone, and as a {@link BigDecimal} of its own it takes 40 bytes. A whole number
 * written without a point that a {@code long} holds, which is what local numbers are, is kept in
 * the phone itself instead, and the {@link BigDecimal} made again when it is read: 32 bytes less
 * for each such phone.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "country_code", "area_code", "local_number"})
@Schema(additionalProperties = Schema.False.class, description = "A phone or fax number")
public final class Phone {
  /** Every whole number of this many digits or fewer fits a long. */
  private static final int LONG_DIGITS = 18;

  private final Kind kind;
  private final BigDecimal countryCode;
  private final BigDecimal areaCode;

  /** Whether {@link #localDigits} holds the local number; else {@link #otherLocalNumber} does. */
  @JsonIgnore private final boolean inDigits;

  @JsonIgnore private final long localDigits;

  /** The local number when {@link #inDigits} is false (null if there is none), else null. */
  @JsonIgnore private final BigDecimal otherLocalNumber;

  /** A phone or fax number; small codes are kept once for every entry that has them. */
  @JsonCreator
  public Phone(
      @JsonProperty("kind") Kind kind,
      @JsonProperty("country_code") BigDecimal countryCode,
      @JsonProperty("area_code") BigDecimal areaCode,
      @JsonProperty("local_number") BigDecimal localNumber) {
    this.kind = kind;
    this.countryCode = SharedValues.number(countryCode);
    this.areaCode = SharedValues.number(areaCode);
    // A whole number without a point of up to 18 digits: a long holds it.
    this.inDigits =
        localNumber != null && localNumber.scale() == 0 && localNumber.precision() <= LONG_DIGITS;
    this.localDigits = inDigits ? localNumber.longValue() : 0;
    this.otherLocalNumber = inDigits ? null : SharedValues.number(localNumber);
  }

  @Schema(required = true)
  @JsonProperty("kind")
  public Kind kind() {
    return kind;
  }

  @Schema(required = true)
  @JsonProperty("country_code")
  public BigDecimal countryCode() {
    return countryCode;
  }

  @JsonProperty("area_code")
  public BigDecimal areaCode() {
    return areaCode;
  }

  /** The local number: equal to the one the phone was made with (the same digits and scale). */
  @Schema(required = true)
  @JsonProperty("local_number")
  public BigDecimal localNumber() {
    return inDigits ? SharedValues.number(BigDecimal.valueOf(localDigits)) : otherLocalNumber;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Phone that
        && kind == that.kind
        && Objects.equals(countryCode, that.countryCode)
        && Objects.equals(areaCode, that.areaCode)
        && inDigits == that.inDigits
        && localDigits == that.localDigits
        && Objects.equals(otherLocalNumber, that.otherLocalNumber);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, countryCode, areaCode, inDigits, localDigits, otherLocalNumber);
  }

  @Override
  public String toString() {
    return "Phone[kind="
        + kind
        + ", countryCode="
        + countryCode
        + ", areaCode="
        + areaCode
        + ", localNumber="
        + localNumber()
        + "]";
  }
}

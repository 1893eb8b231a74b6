package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An address-book entry: a name with postal addresses, phone and fax numbers and e-mails. The four
 * lists are never null (absent means empty) and are immutable. A value: equal to another entry with
 * the same name and equal lists.
 *
 * <p>A class, not a record, for the lists' sake. A list of one is the most common length in a book
 * (one address, one phone, one e-mail), and as an immutable list of its own it takes 24 bytes. The
 * entry keeps such a list as its one element instead, and makes the list again when it is read: up
 * to 96 bytes less for each entry of a book held in memory.
 */
@RegisterForReflection
@JsonPropertyOrder({"full_name", "addresses", "phone_numbers", "fax_numbers", "emails"})
@Schema(
    additionalProperties = Schema.False.class,
    description =
        "An address-book entry. Every number in it (unit_number, street_number, pincode and the"
            + " phone fields) must have at most "
            + JsonMapping.MAX_DIGITS
            + " digits before and "
            + JsonMapping.MAX_DIGITS
            + " after the decimal point once its exponent is applied (1e999 is accepted, 1e1000"
            + " and 1e-1001 are not): numbers are returned in plain digits, never with an"
            + " exponent.")
public final class AddressEntry {
  private final String fullName;

  // Each list as held (see held): its one element, or an immutable list of any other length.
  @JsonIgnore private final Object heldAddresses;
  @JsonIgnore private final Object heldPhoneNumbers;
  @JsonIgnore private final Object heldFaxNumbers;
  @JsonIgnore private final Object heldEmails;

  /** Absent lists become empty ones; every list is copied so the entry cannot change. */
  @JsonCreator
  public AddressEntry(
      @JsonProperty("full_name") String fullName,
      @JsonProperty("addresses") List<Address> addresses,
      @JsonProperty("phone_numbers") List<Phone> phoneNumbers,
      @JsonProperty("fax_numbers") List<Phone> faxNumbers,
      @JsonProperty("emails") List<Email> emails) {
    this.fullName = fullName;
    this.heldAddresses = held(addresses);
    this.heldPhoneNumbers = held(phoneNumbers);
    this.heldFaxNumbers = held(faxNumbers);
    this.heldEmails = held(emails);
  }

  /** An entry with a name and nothing else. */
  public static AddressEntry named(String fullName) {
    return new AddressEntry(fullName, null, null, null, null);
  }

  @Schema(required = true, pattern = Rules.NOT_BLANK)
  @JsonProperty("full_name")
  public String fullName() {
    return fullName;
  }

  @Schema
  @JsonProperty("addresses")
  public List<Address> addresses() {
    return list(heldAddresses);
  }

  @Schema
  @JsonProperty("phone_numbers")
  public List<Phone> phoneNumbers() {
    return list(heldPhoneNumbers);
  }

  @Schema
  @JsonProperty("fax_numbers")
  public List<Phone> faxNumbers() {
    return list(heldFaxNumbers);
  }

  @Schema
  @JsonProperty("emails")
  public List<Email> emails() {
    return list(heldEmails);
  }

  /**
   * How the entry holds {@code list}: its element when it has one (never a list: the elements are
   * addresses, phones and e-mails), else an immutable copy, empty when it is null.
   */
  private static Object held(List<?> list) {
    if (list == null) {
      return List.of();
    }
    return list.size() == 1 ? Objects.requireNonNull(list.get(0)) : List.copyOf(list);
  }

  /** The list that {@code held} stands for. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object held) {
    return held instanceof List<?> list ? (List<T>) list : List.of((T) held);
  }

  @Override
  public boolean equals(Object other) {
    // A held element and a held list are never equal: one stands for a list of one, the other not.
    return other instanceof AddressEntry that
        && Objects.equals(fullName, that.fullName)
        && heldAddresses.equals(that.heldAddresses)
        && heldPhoneNumbers.equals(that.heldPhoneNumbers)
        && heldFaxNumbers.equals(that.heldFaxNumbers)
        && heldEmails.equals(that.heldEmails);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fullName, heldAddresses, heldPhoneNumbers, heldFaxNumbers, heldEmails);
  }

  @Override
  public String toString() {
    return "AddressEntry[fullName="
        + fullName
        + ", addresses="
        + addresses()
        + ", phoneNumbers="
        + phoneNumbers()
        + ", faxNumbers="
        + faxNumbers()
        + ", emails="
        + emails()
        + "]";
  }
}

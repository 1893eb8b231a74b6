package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An address-book entry: a name with postal addresses, phone and fax numbers and e-mails. The four
 * lists are never null (absent means empty) and are immutable.
 */
@RegisterForReflection
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
public record AddressEntry(
    @Schema(required = true, pattern = Rules.NOT_BLANK) @JsonProperty("full_name") String fullName,
    @JsonProperty("addresses") List<Address> addresses,
    @JsonProperty("phone_numbers") List<Phone> phoneNumbers,
    @JsonProperty("fax_numbers") List<Phone> faxNumbers,
    @JsonProperty("emails") List<Email> emails) {

  /** Absent lists become empty ones; every list is copied so the entry cannot change. */
  public AddressEntry {
    addresses = copy(addresses);
    phoneNumbers = copy(phoneNumbers);
    faxNumbers = copy(faxNumbers);
    emails = copy(emails);
  }

  /** An entry with a name and nothing else. */
  public static AddressEntry named(String fullName) {
    return new AddressEntry(fullName, null, null, null, null);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}

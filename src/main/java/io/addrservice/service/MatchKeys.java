package io.addrservice.service;

import io.addrservice.model.Address;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Phone;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * When two values mean the same thing, for finding duplicates and for merging without repeats: one
 * normal form per kind of value, so that equal values have equal keys.
 */
final class MatchKeys {
  /** The kinds of reason two entries are likely the same person. */
  static final String EMAIL = "email";

  static final String PHONE = "phone";
  static final String NAME = "name";

  private MatchKeys() {}

  /** An e-mail address ignoring case (the whole address: few mail servers tell case apart). */
  static String email(Email email) {
    return email.email().toLowerCase(Locale.ROOT);
  }

  /**
   * A phone or fax number by its digits, whatever its kind: the country code, the area code (empty
   * when absent) and the local number, each as a plain number ({@code 020} and {@code 20.0} are
   * both 20), separated so that no two numbers run together.
   */
  static String phone(Phone phone) {
    return "+"
        + digits(phone.countryCode())
        + " "
        + (phone.areaCode() == null ? "" : digits(phone.areaCode()))
        + " "
        + digits(phone.localNumber());
  }

  /**
   * A full name ignoring case, accents, punctuation and spacing, in any script: compatibility
   * decomposition (NFKD: full-width letters become plain ones, ligatures their letters), combining
   * marks removed, full case folding, and only letters and digits kept. Empty when nothing is left
   * (a name of punctuation only), which never matches.
   */
  static String name(String fullName) {
    // Upper then lower case: ß and ẞ become ss, and the Greek final sigma becomes σ; decomposed
    // before and after, as case mapping may yield precomposed letters again.
    String folded =
        Normalizer.normalize(fullName, Normalizer.Form.NFKD)
            .toUpperCase(Locale.ROOT)
            .toLowerCase(Locale.ROOT);
    String decomposed = Normalizer.normalize(folded, Normalizer.Form.NFKD);
    StringBuilder key = new StringBuilder(decomposed.length());
    // Combining marks (accents, and the vowel signs of some scripts) are neither letters nor
    // digits: they go with punctuation and spaces.
    decomposed.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
    return key.toString();
  }

  /**
   * A postal address by its fields, whatever its kind: texts exactly, numbers by value, and a
   * number-or-string by its digits ({@code "110011"} and {@code 110011} are the same pincode).
   */
  static String address(Address address) {
    return String.join(
        "\u0000",
        text(address.buildingName()),
        address.unitNumber() == null ? "" : digits(address.unitNumber()),
        text(address.streetNumber()),
        text(address.streetName()),
        text(address.locality()),
        text(address.city()),
        text(address.province()),
        text(address.pincode()),
        text(address.country()));
  }

  /** Every key that marks {@code entry} as a likely duplicate, each prefixed by its kind. */
  static Set<String> duplicateKeys(AddressEntry entry) {
    Set<String> keys = new LinkedHashSet<>();
    String name = name(entry.fullName());
    if (!name.isEmpty()) {
      keys.add(NAME + ':' + name);
    }
    for (Email email : entry.emails()) {
      keys.add(EMAIL + ':' + email(email));
    }
    for (Phone phone : entry.phoneNumbers()) {
      keys.add(PHONE + ':' + phone(phone));
    }
    for (Phone fax : entry.faxNumbers()) {
      keys.add(PHONE + ':' + phone(fax));
    }
    return keys;
  }

  private static String digits(BigDecimal number) {
    return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
  }

  private static String text(String text) {
    return text == null ? "" : text;
  }

  private static String text(NumberOrString value) {
    if (value == null) {
      return "";
    }
    return value.value() instanceof BigDecimal number ? digits(number) : value.toString();
  }
}

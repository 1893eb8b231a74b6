package io.addrservice.api.body;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.addrservice.model.Phone;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers as card text, shared by the vCard and JSContact mappings. An entry's phone is
 * written {@code +COUNTRY AREA LOCAL} (or {@code +COUNTRY LOCAL}); a number read from a card is
 * split at the separators its writer put in, the first group after the {@code +} being the country
 * code, the second the area code and the rest the local number. A number written without separators
 * ({@code +15551234567}) is split after its country code, which E.164 makes prefix-free, and has no
 * area code. A number without a {@code +} has no country code and cannot be read without guessing:
 * it is dropped.
 */
final class PhoneNumbers {
  static final String COUNTRY_CODE = "country_code";
  static final String AREA_CODE = "area_code";
  static final String LOCAL_NUMBER = "local_number";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00a0\\-.()/]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /**
   * The two-digit country calling codes (ITU-T E.164 Annex); 1 and 7 are the one-digit ones, and
   * every other code is three digits long. Codes are prefix-free, so this is enough to find where
   * the country code of any number ends.
   */
  private static final java.util.Set<String> TWO_DIGIT_CODES =
      java.util.Set.of(
          "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
          "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
          "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

  private PhoneNumbers() {}

  /** Whether a part is written as plain digits that read back as the same JSON number. */
  static boolean plain(BigDecimal part) {
    return part == null || (part.signum() >= 0 && part.scale() <= 0);
  }

  /** Whether every part of {@code phone} is plain digits, so its text alone says it exactly. */
  static boolean plain(Phone phone) {
    return plain(phone.countryCode()) && plain(phone.areaCode()) && plain(phone.localNumber());
  }

  /** {@code +91 11 23456789}: the parts' digits, spaced; exact when {@link #plain(Phone)}. */
  static String text(Phone phone) {
    StringBuilder text = new StringBuilder("+").append(phone.countryCode().toPlainString());
    if (phone.areaCode() != null) {
      text.append(' ').append(phone.areaCode().toPlainString());
    }
    return text.append(' ').append(phone.localNumber().toPlainString()).toString();
  }

  /** {@code tel:+91-11-23456789} (RFC 3966 with visual separators), for a plain phone. */
  static String telUri(Phone phone) {
    return "tel:" + text(phone).replace(' ', '-');
  }

  /**
   * The parts of a number written as text or as a tel URI, or null (with a warning saying why) when
   * they cannot be told apart without guessing.
   *
   * @param where names the property in warnings ("TEL 2")
   */
  static ObjectNode parse(String number, String where, List<String> warnings) {
    String rest = number.strip();
    if (rest.regionMatches(true, 0, "tel:", 0, 4)) {
      rest = rest.substring(4);
    }
    int parameters = rest.indexOf(';');
    if (parameters >= 0) {
      warnings.add(where + ": \"" + rest.substring(parameters) + "\" (an extension) not kept");
      rest = rest.substring(0, parameters);
    }
    if (!rest.startsWith("+")) {
      warnings.add(
          where
              + ": \""
              + number
              + "\" dropped: it has no country code (an international number starts with +)");
      return null;
    }
    // "+44 (0)20 ..." writes the national trunk prefix in brackets: it is not dialled from abroad.
    String[] groups = SEPARATORS.split(rest.substring(1).replace("(0)", " ").strip());
    for (String group : groups) {
      if (!DIGITS.matcher(group).matches()) {
        warnings.add(where + ": \"" + number + "\" dropped: it is not a phone number");
        return null;
      }
    }
    if (groups.length == 1) {
      groups = splitCountryCode(groups[0]);
      if (groups == null) {
        warnings.add(where + ": \"" + number + "\" dropped: it is too short to be a phone number");
        return null;
      }
    }
    ObjectNode parts = JSON.objectNode();
    parts.put(COUNTRY_CODE, new BigDecimal(groups[0]));
    if (groups.length > 2) {
      parts.put(AREA_CODE, new BigDecimal(groups[1]));
    }
    StringBuilder local = new StringBuilder();
    for (int i = groups.length > 2 ? 2 : 1; i < groups.length; i++) {
      local.append(groups[i]);
    }
    parts.put(LOCAL_NUMBER, new BigDecimal(local.toString()));
    return parts;
  }

  /** {@code digits} as its E.164 country code and the rest, or null when nothing is left. */
  private static String[] splitCountryCode(String digits) {
    int length;
    if (digits.startsWith("1") || digits.startsWith("7")) {
      length = 1;
    } else if (digits.length() >= 2 && TWO_DIGIT_CODES.contains(digits.substring(0, 2))) {
      length = 2;
    } else {
      length = 3;
    }
    return digits.length() <= length
        ? null
        : new String[] {digits.substring(0, length), digits.substring(length)};
  }
}

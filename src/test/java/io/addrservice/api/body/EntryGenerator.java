package io.addrservice.api.body;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/**
 * Valid entries as JSON, drawn from a seeded {@link Random}: every optional field present or
 * absent, numbers of every shape the schema allows (negative, fractional, huge, with exponents),
 * pincodes and street numbers as numbers and as strings, and text with what card formats find hard
 * (separators, escapes, line breaks, control characters, non-ASCII, emoji, empty strings).
 */
final class EntryGenerator {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Characters that card formats escape, fold, encode or drop. */
  private static final String[] HARD = {
    ",",
    ";",
    ":",
    "\\",
    "\"",
    "'",
    "^",
    "%",
    "%2",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u0001",
    "\u007f",
    "\u0085",
    "=",
    "=0D",
    " ",
    "  ",
    "é",
    "ß",
    "日本",
    "😀",
    "\u2028",
    "<",
    "+",
    "tel:",
    "urn:uuid:",
    "\\n",
    "^n",
    "X-ADDRSERVICE-EMPTY",
    "item1."
  };

  private static final String[] EMAILS = {
    "a@example.com",
    "first.last+tag@sub.example.org",
    "x@localhost",
    "o'brien@example.ie",
    "user@xn--bcher-kva.com",
    "a_b-c@d-e.com"
  };

  private final Random random;

  EntryGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** One valid entry. */
  ObjectNode entry() {
    ObjectNode entry = JSON.objectNode();
    entry.put("full_name", nonBlank());
    if (random.nextInt(4) > 0) {
      ArrayNode addresses = entry.putArray("addresses");
      for (int i = random.nextInt(4); i > 0; i--) {
        addresses.add(address());
      }
    }
    if (random.nextInt(4) > 0) {
      ArrayNode phones = entry.putArray("phone_numbers");
      for (int i = random.nextInt(4); i > 0; i--) {
        phones.add(phone());
      }
    }
    if (random.nextInt(4) > 0) {
      ArrayNode faxes = entry.putArray("fax_numbers");
      for (int i = random.nextInt(3); i > 0; i--) {
        faxes.add(phone());
      }
    }
    if (random.nextInt(4) > 0) {
      ArrayNode emails = entry.putArray("emails");
      for (int i = random.nextInt(4); i > 0; i--) {
        emails.add(
            JSON.objectNode()
                .put("kind", kind())
                .put("email", EMAILS[random.nextInt(EMAILS.length)]));
      }
    }
    return entry;
  }

  private ObjectNode address() {
    ObjectNode address = JSON.objectNode().put("kind", kind());
    if (random.nextBoolean()) {
      address.put("building_name", text());
    }
    if (random.nextBoolean()) {
      address.put("unit_number", number());
    }
    if (random.nextBoolean()) {
      if (random.nextBoolean()) {
        address.put("street_number", number());
      } else {
        address.put("street_number", text());
      }
    }
    address.put("street_name", nonBlank());
    if (random.nextBoolean()) {
      address.put("locality", text());
    }
    if (random.nextBoolean()) {
      address.put("city", text());
    }
    if (random.nextBoolean()) {
      address.put("province", text());
    }
    if (random.nextBoolean()) {
      address.put("pincode", number());
    } else {
      address.put("pincode", text());
    }
    address.put("country", nonBlank());
    return address;
  }

  private ObjectNode phone() {
    ObjectNode phone = JSON.objectNode().put("kind", kind());
    phone.put("country_code", random.nextInt(3) > 0 ? plainNumber() : number());
    if (random.nextBoolean()) {
      phone.put("area_code", random.nextInt(3) > 0 ? plainNumber() : number());
    }
    phone.put("local_number", random.nextInt(3) > 0 ? plainNumber() : number());
    return phone;
  }

  private String kind() {
    return random.nextBoolean() ? "home" : "work";
  }

  /** Digits as a phone's part usually is: 0 to 12 digits, or now and then very many. */
  private BigDecimal plainNumber() {
    int digits = random.nextInt(20) == 0 ? 200 : 1 + random.nextInt(12);
    return new BigDecimal(new BigInteger(digits * 4, random));
  }

  /** Any number the schema allows: signs, fractions, trailing zeros, exponents. */
  private BigDecimal number() {
    return switch (random.nextInt(6)) {
      case 0 -> plainNumber();
      case 1 -> plainNumber().negate();
      case 2 -> new BigDecimal(new BigInteger(40, random), random.nextInt(6));
      case 3 -> new BigDecimal("1" + "0".repeat(random.nextInt(3)) + ".50");
      case 4 -> new BigDecimal("1E+" + random.nextInt(30));
      default -> new BigDecimal(random.nextInt(100)).movePointLeft(random.nextInt(4)).negate();
    };
  }

  /** Text that is not blank. */
  private String nonBlank() {
    String text;
    do {
      text = text();
    } while (text.isBlank());
    return text;
  }

  /** Any text a string field may hold (the empty string included). */
  private String text() {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(8); i > 0; i--) {
      switch (random.nextInt(4)) {
        case 0 -> text.append(HARD[random.nextInt(HARD.length)]);
        case 1 -> text.appendCodePoint(0x20 + random.nextInt(0x5f));
        case 2 -> text.appendCodePoint(0xa0 + random.nextInt(0x2000));
        default -> text.append("Main Street".substring(0, 1 + random.nextInt(11)));
      }
    }
    return text.toString();
  }
}

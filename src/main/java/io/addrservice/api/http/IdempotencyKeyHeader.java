package io.addrservice.api.http;

import io.addrservice.service.Violation;
import java.util.List;

/**
 * The syntax of the {@code Idempotency-Key} request header (IETF httpapi draft "The Idempotency-Key
 * HTTP Header Field"): one Structured Field string (RFC 9651 §3.3.3), a quoted run of printable
 * ASCII in which only {@code "} and {@code \} are escaped. So its text is canonical, and the
 * header's value as sent is the key the service stores: two keys are the same exactly when their
 * headers are. Bounded at {@value #MAX_LENGTH} characters inside the quotes, room for a UUID or any
 * client's own scheme, and never empty.
 */
public final class IdempotencyKeyHeader {
  /** The header's name. */
  public static final String NAME = "Idempotency-Key";

  /** The most characters a key may have between its quotes. */
  public static final int MAX_LENGTH = 255;

  /** What a malformed key is told. */
  public static final String RULE =
      "must be one quoted string of 1 to "
          + MAX_LENGTH
          + " printable ASCII characters, such as \"8e03978e-40d5-43e8-bc93-6894a57f9324\"";

  private IdempotencyKeyHeader() {}

  /** The violation of the header's values as received, or null when they are one valid key. */
  static Violation check(List<String> values) {
    return values.size() == 1 && isKey(values.get(0)) ? null : new Violation(NAME, RULE);
  }

  /** Whether {@code value} is an sf-string with 1 to {@value #MAX_LENGTH} characters. */
  static boolean isKey(String value) {
    if (value.length() < 3 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return false;
    }
    int characters = 0;
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        i++;
        if (i >= value.length() - 1 || (value.charAt(i) != '"' && value.charAt(i) != '\\')) {
          return false;
        }
      } else if (c == '"' || c < 0x20 || c > 0x7e) {
        return false;
      }
      characters++;
    }
    return characters >= 1 && characters <= MAX_LENGTH;
  }
}

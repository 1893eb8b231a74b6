package io.addrservice.api.logging;

/**
 * Writes logfmt ({@code key=value key="a value"}): a value is quoted when it is empty or holds a
 * space, '=', a quote, a backslash or a control character, so any parser splits it back exactly.
 */
final class Logfmt {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Logfmt() {}

  /** Appends {@code key=value}, after a space unless {@code line} is empty; null becomes "-". */
  static StringBuilder append(StringBuilder line, String key, String value) {
    if (line.length() > 0) {
      line.append(' ');
    }
    line.append(key).append('=');
    return appendValue(line, value == null ? "-" : value);
  }

  /** Appends {@code value} as a logfmt value, quoted and escaped only when it has to be. */
  static StringBuilder appendValue(StringBuilder line, String value) {
    if (!needsQuotes(value)) {
      return line.append(value);
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.append('"');
  }

  /** The value as it appears in a line: {@code appendValue} to a new builder. */
  static String quote(String value) {
    return appendValue(new StringBuilder(value.length() + 2), value).toString();
  }

  private static boolean needsQuotes(String value) {
    if (value.isEmpty()) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '=' || c == '"' || c == '\\' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}

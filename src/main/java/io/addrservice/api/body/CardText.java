package io.addrservice.api.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Text in cards. vCard cannot carry every text as it is. vCard text keeps line feeds and tabs but
 * not a carriage return (read back as a line break) or other control characters (dropped by
 * readers); a value holding one is written percent-encoded (RFC 3986's {@code %XX} of its UTF-8
 * bytes, for those characters and {@code %} only), and the property says so with {@value
 * #PARAMETER}{@code =percent}.
 */
final class CardText {
  /** The parameter marking a property whose text values and service parameters are encoded. */
  static final String PARAMETER = "X-ADDRSERVICE-ENCODING";

  static final String PERCENT = "percent";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private CardText() {}

  /** Whether {@code text} holds a character that vCard text cannot carry. */
  static boolean needsEncoding(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (unkept(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} with {@code %} and every character vCard cannot carry percent-encoded. */
  static String encode(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || unkept(c)) {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)));
          out.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The inverse of {@link #encode}; a {@code %} not followed by two hex digits stays as it is. */
  static String decode(String text) {
    if (text == null || text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (text.charAt(i) == '%' && high >= 0 && low >= 0) {
        bytes.write(high << 4 | low);
        i += 3;
      } else {
        flush(bytes, out);
        out.append(text.charAt(i++));
      }
    }
    flush(bytes, out);
    return out.toString();
  }

  /** A JSON number when {@code text} is one; otherwise the text, which the schema then refuses. */
  static JsonNode number(String text) {
    try {
      return JSON.numberNode(new BigDecimal(text.strip()));
    } catch (NumberFormatException e) {
      return JSON.textNode(text);
    }
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(bytes.toString(StandardCharsets.UTF_8));
      bytes.reset();
    }
  }

  private static boolean unkept(char c) {
    return Character.isISOControl(c) && c != '\n' && c != '\t';
  }
}

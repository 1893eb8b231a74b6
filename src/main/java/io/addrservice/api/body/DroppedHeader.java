package io.addrservice.api.body;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@value #NAME} response header: one value per part of a card that the entry could not keep,
 * so a client learns what an import left out. A header value is ASCII: every other character (and
 * {@code %}) is percent-encoded as UTF-8, as RFC 3986 does, so the text decodes exactly.
 */
public final class DroppedHeader {
  /** The header's name. */
  public static final String NAME = "Card-Dropped";

  private DroppedHeader() {}

  /** The header's values for these warnings. */
  public static List<String> values(List<String> warnings) {
    return warnings.stream().map(DroppedHeader::encode).toList();
  }

  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}

package io.addrservice.api.logging;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's {@code X-Request-ID} when it is usable, else a new compact one. */
final class RequestIds {
  /** The header that carries the id in both directions. */
  static final String HEADER = "X-Request-ID";

  /** The longest client id kept; longer ones are replaced rather than cut, so ids stay exact. */
  static final int MAX_LENGTH = 128;

  private static final char[] BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private RequestIds() {}

  /** The id of a request whose {@code X-Request-ID} header is {@code header} (null if absent). */
  static String forHeader(String header) {
    return isValid(header) ? header : generate();
  }

  /** 1 to {@value #MAX_LENGTH} printable ASCII characters (space to tilde). */
  static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * 96 random bits as 16 URL-safe base64 characters: unique enough to find one request among
   * billions, short enough to read. Not secret, so the fast thread-local generator is enough.
   */
  static String generate() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong();
    long low = random.nextLong();
    char[] id = new char[16];
    for (int i = 0; i < 8; i++) {
      id[i] = BASE64URL[(int) (high >>> (i * 6)) & 63];
      id[8 + i] = BASE64URL[(int) (low >>> (i * 6)) & 63];
    }
    return new String(id);
  }
}

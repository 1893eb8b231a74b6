package io.addrservice.api.body;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a request body is well-formed UTF-8 before Jackson reads it. Jackson's byte parser
 * decodes leniently: it turns overlong forms ({@code C0 AF}, {@code E0 80 AF}) into the characters
 * they disguise and sequences above U+10FFFF into garbage surrogates. The JDK's decoder refuses all
 * of them, as RFC 3629 requires.
 */
final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * Why {@code body} is not a UTF-8 JSON text, or null when it is one as far as the encoding goes.
   * An ASCII body (the common case) costs one pass over its bytes; the decoder runs only from the
   * first non-ASCII byte on. A NUL byte cannot occur in UTF-8 JSON and is refused too, which also
   * stops Jackson from guessing UTF-16 or UTF-32 from zero bytes.
   */
  static String problem(byte[] body) {
    int firstNonAscii = -1;
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      if (b == 0) {
        return "NUL byte at offset " + i;
      }
      if (b < 0 && firstNonAscii < 0) {
        firstNonAscii = i;
      }
    }
    if (firstNonAscii < 0) {
      return null;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body, firstNonAscii, body.length - firstNonAscii);
    // The characters are not needed, only the verdict: decode through one small buffer.
    CharBuffer out = CharBuffer.allocate(Math.min(1024, in.remaining()));
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return "invalid UTF-8 at offset " + in.position();
      }
      if (result.isUnderflow()) {
        // All input consumed: with end of input signalled, a truncated sequence was an error.
        return null;
      }
      out.clear();
    }
  }
}

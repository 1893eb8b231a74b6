package io.addrservice.api.body;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Decodes a request body according to its {@code Content-Encoding}: identity, gzip (also named
 * x-gzip) and deflate (the zlib format, RFC 9110 §8.4.1.2). Any other coding, or a list of several,
 * is refused with 415 rather than read as if it were plain.
 *
 * <p>The service decodes bodies itself instead of letting Vert.x do it: a Vert.x decompression
 * failure closes the connection without a response, and an unknown coding passes through unread.
 * Here a corrupt stream is an {@link InvalidJsonException} (400), and the size limit applies to the
 * decoded bytes as they are read, so a small compressed body cannot inflate without bound. Brotli
 * is not accepted: the only decoder at hand is a JNI library that is not part of the service's
 * build and is not known to work in the native executable.
 */
final class ContentCodings {
  /** The codings decoded, as listed in {@code Accept-Encoding} on a 415. */
  static final String ACCEPTED = "gzip, deflate";

  private ContentCodings() {}

  /**
   * Reads at most {@code limit} decoded bytes of the body (fewer only at its end).
   *
   * @param codings every {@code Content-Encoding} value of the request, or null
   * @throws UnsupportedContentEncodingException for a coding not decoded here
   * @throws InvalidJsonException when the body is not in the coding it names
   */
  static byte[] read(List<String> codings, InputStream body, int limit) throws IOException {
    String coding = single(codings);
    if (coding == null) {
      return upTo(body, limit);
    }
    // Closing the decoder frees its native inflater; the request's own stream stays open.
    InputStream unclosable =
        new FilterInputStream(body) {
          @Override
          public void close() {}
        };
    try (InputStream decoded = decoder(coding, unclosable)) {
      return decoded.readNBytes(limit);
    } catch (ZipException | EOFException e) {
      throw new InvalidJsonException(
          "the body is not valid " + coding + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * At most {@code limit} bytes of {@code body}. A body already in memory (one that {@link
   * SmallBodies} read ahead) is copied once; {@link InputStream#readNBytes(int)} would read it
   * through buffers of 16 KiB, garbage that outweighed the rest of a POST's.
   */
  private static byte[] upTo(InputStream body, int limit) throws IOException {
    if (body instanceof ByteArrayInputStream inMemory) {
      byte[] bytes = new byte[Math.min(limit, inMemory.available())];
      inMemory.readNBytes(bytes, 0, bytes.length);
      return bytes;
    }
    return body.readNBytes(limit);
  }

  /**
   * The body decoded as it is read, for a body too large to hold (an import).
   *
   * @throws UnsupportedContentEncodingException for a coding not decoded here
   */
  static InputStream decoding(List<String> codings, InputStream body) throws IOException {
    String coding = single(codings);
    return coding == null ? body : decoder(coding, body);
  }

  private static InputStream decoder(String coding, InputStream body) throws IOException {
    return switch (coding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(body);
      case "deflate" -> new InflaterInputStream(body);
      default -> throw new UnsupportedContentEncodingException(coding);
    };
  }

  /** The one coding named, lower case; null for none or identity. */
  static String single(List<String> codings) {
    if (codings == null || codings.isEmpty()) {
      return null;
    }
    String coding = String.join(",", codings).trim().toLowerCase(Locale.ROOT);
    return coding.isEmpty() || coding.equals("identity") ? null : coding;
  }
}

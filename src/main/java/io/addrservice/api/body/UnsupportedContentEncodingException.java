package io.addrservice.api.body;

/** A request body in a content coding the service cannot decode (RFC 9110 §8.4.1: 415). */
public final class UnsupportedContentEncodingException extends RuntimeException {
  /** The message and reason phrase of every such failure. */
  public static final String MESSAGE = "Unsupported Content-Encoding";

  /** The codings the service decodes, for {@code Accept-Encoding} on the 415 (RFC 9110 §12.5.3). */
  public static final String ACCEPTED = ContentCodings.ACCEPTED;

  /** A body labelled with {@code coding}. */
  public UnsupportedContentEncodingException(String coding) {
    super(MESSAGE + ": " + coding);
  }
}

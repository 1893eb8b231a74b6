package io.addrservice.api.body;

/** A request body larger than {@code addrservice.max-body-size}. */
public final class BodyTooLargeException extends RuntimeException {
  /** The message and reason phrase of every such failure. */
  public static final String MESSAGE = "Request body too large";

  /** A body over {@code limit} bytes. */
  public BodyTooLargeException(long limit) {
    super(MESSAGE + " (limit " + limit + " bytes)");
  }
}

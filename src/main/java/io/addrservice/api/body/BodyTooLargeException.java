package io.addrservice.api.body;

/** A request body larger than {@code addrservice.max-body-size}. */
public final class BodyTooLargeException extends RuntimeException {
  /** The message and reason phrase of every such failure. */
  public static final String MESSAGE = "Request body too large";

  private final String detail;

  /** A body over {@code limit} bytes. */
  public BodyTooLargeException(long limit) {
    this(limit, null);
  }

  /** A body over {@code limit} bytes, with what the client should know of its effect (or null). */
  public BodyTooLargeException(long limit, String detail) {
    super(MESSAGE + " (limit " + limit + " bytes)");
    this.detail = detail;
  }

  /** What the client should know of the request's effect, or null. */
  public String detail() {
    return detail;
  }
}

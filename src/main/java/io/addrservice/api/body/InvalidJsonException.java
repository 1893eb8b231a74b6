package io.addrservice.api.body;

/** A request body that is not one well-formed JSON object in UTF-8. */
public final class InvalidJsonException extends RuntimeException {
  /** The message and reason phrase of every such failure. */
  public static final String MESSAGE = "Invalid JSON body";

  /** Why the body was rejected, for the log and the debug trace. */
  public InvalidJsonException(String detail, Throwable cause) {
    super(MESSAGE + ": " + detail, cause);
  }
}

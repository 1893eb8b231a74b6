package io.addrservice.api.body;

/** A request body that is not a card at all (no vCard in it, or JSON that is not a Card). */
public final class InvalidCardException extends RuntimeException {
  /** The message and reason phrase of every such failure. */
  public static final String MESSAGE = "Invalid card body";

  /** Why the body was rejected. */
  public InvalidCardException(String detail) {
    super(detail);
  }
}

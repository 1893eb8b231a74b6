package io.addrservice.service;

/** An idempotency key that already created an entry came again with another entry. */
public final class IdempotencyKeyReusedException extends RuntimeException {
  private final String key;

  /** For this key. */
  public IdempotencyKeyReusedException(String key) {
    super("The idempotency key was used within the last 24 hours with another entry");
    this.key = key;
  }

  /** The key that was reused. */
  public String key() {
    return key;
  }
}

package io.addrservice.service;

/**
 * The address book cannot reach its storage now (a database down, a disk that refused a write): the
 * request may succeed later, and a write it interrupted may or may not have happened.
 */
public final class StorageUnavailableException extends RuntimeException {
  private final String detail;

  /** The store's own failure, kept as the cause for the log. */
  public StorageUnavailableException(Throwable cause) {
    this(cause, null);
  }

  /** The store's failure, with what the client should know of its request's effect (or null). */
  public StorageUnavailableException(Throwable cause, String detail) {
    super(cause.getMessage(), cause);
    this.detail = detail;
  }

  /** What the client should know of its request's effect, or null. */
  public String detail() {
    return detail;
  }
}

package io.addrservice.service;

/**
 * The address book cannot reach its storage now (a database down, a disk that refused a write): the
 * request may succeed later, and a write it interrupted may or may not have happened.
 */
public final class StorageUnavailableException extends RuntimeException {
  /** The store's own failure, kept as the cause for the log. */
  public StorageUnavailableException(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}

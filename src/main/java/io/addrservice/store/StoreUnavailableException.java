package io.addrservice.store;

/**
 * The engine could not reach its storage (the database is down, the disk refused a write). The
 * request may succeed later; the write's outcome is unknown when this interrupts one.
 */
public final class StoreUnavailableException extends RuntimeException {
  /** A failure to {@code what}, caused by {@code cause}. */
  public StoreUnavailableException(String what, Throwable cause) {
    super(what, cause);
  }
}

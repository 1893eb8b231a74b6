package io.addrservice.service;

/**
 * A change feed token older than the tombstones kept ({@code addrservice.changes.retention}): a
 * deletion since then may be forgotten, so the client must sync again from the start.
 */
public final class ChangesExpiredException extends RuntimeException {
  /** The message: what the client must do. */
  public static final String MESSAGE =
      "Token expired: changes since then are no longer kept, sync again without since";

  ChangesExpiredException() {
    super(MESSAGE);
  }
}

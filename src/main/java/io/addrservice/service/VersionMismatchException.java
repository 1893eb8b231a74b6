package io.addrservice.service;

/** A conditional write named versions of an entry other than its current one. */
public final class VersionMismatchException extends RuntimeException {
  private final String id;
  private final long currentVersion;

  /** The entry {@code id} is at {@code currentVersion}, which the condition did not accept. */
  public VersionMismatchException(String id, long currentVersion) {
    super("Entry " + id + " has changed (If-Match does not match)");
    this.id = id;
    this.currentVersion = currentVersion;
  }

  /** The entry's id. */
  public String id() {
    return id;
  }

  /** The entry's current version. */
  public long currentVersion() {
    return currentVersion;
  }
}

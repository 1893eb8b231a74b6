package io.addrservice.service;

/**
 * A merge named a version of one of its sources ({@code "from": [{"id": ..., "version": N}]}) other
 * than the source's current one. Unlike {@link VersionMismatchException}, about the target, its
 * answer carries no ETag: the target's tag is not what changed.
 */
public final class SourceChangedException extends RuntimeException {
  private final String id;

  /** The source {@code id} is at {@code currentVersion}, which the merge did not name. */
  public SourceChangedException(String id, long currentVersion) {
    super("Entry " + id + " has changed (it is at version " + currentVersion + ")");
    this.id = id;
  }

  /** The source's id. */
  public String id() {
    return id;
  }
}

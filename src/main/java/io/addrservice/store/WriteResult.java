package io.addrservice.store;

import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;

/**
 * What a conditional write did.
 *
 * @param status whether it was written, and if not, why
 * @param entry the entry as written (its new version) when {@code status} is {@code WRITTEN}; for a
 *     removal, the entry as it was; null otherwise
 * @param currentVersion the version found when {@code status} is {@code VERSION_MISMATCH}
 */
public record WriteResult(Status status, VersionedEntry entry, long currentVersion) {

  /** The outcome of a conditional write. */
  public enum Status {
    WRITTEN,
    NOT_FOUND,
    VERSION_MISMATCH
  }

  /** The write happened. */
  public static WriteResult written(VersionedEntry entry) {
    return new WriteResult(Status.WRITTEN, entry, entry.version());
  }

  /** There is no entry with that id. */
  public static WriteResult notFound() {
    return new WriteResult(Status.NOT_FOUND, null, 0);
  }

  /** The entry exists at a version that the condition does not accept. */
  public static WriteResult versionMismatch(long currentVersion) {
    return new WriteResult(Status.VERSION_MISMATCH, null, currentVersion);
  }

  /**
   * Why a conditional write on an entry at {@code currentVersion} (null when there is no entry)
   * must not happen, or null when {@code expected} lets it go ahead: the one check every engine
   * makes.
   */
  static WriteResult refusal(Long currentVersion, VersionMatch expected) {
    if (currentVersion == null) {
      return notFound();
    }
    return expected.matches(currentVersion) ? null : versionMismatch(currentVersion);
  }
}

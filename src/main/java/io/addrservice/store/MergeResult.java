package io.addrservice.store;

import io.addrservice.model.VersionedEntry;

/**
 * What an atomic merge did: wrote the target and removed every source, or wrote nothing.
 *
 * @param status whether it was written, and if not, why
 * @param id the target's id when written; otherwise the id of the first entry (the target, then the
 *     sources in the order given) that is missing or at a version its condition does not accept
 * @param merged the target as written (its new version) when {@code status} is {@code WRITTEN}
 * @param currentVersion the version found when {@code status} is {@code VERSION_MISMATCH}
 */
public record MergeResult(
    WriteResult.Status status, String id, VersionedEntry merged, long currentVersion) {

  /** The merge happened. */
  static MergeResult written(VersionedEntry merged) {
    return new MergeResult(WriteResult.Status.WRITTEN, merged.id(), merged, merged.version());
  }

  /** Nothing was written, because of the entry {@code id}. */
  static MergeResult refused(String id, WriteResult refusal) {
    return new MergeResult(refusal.status(), id, null, refusal.currentVersion());
  }
}

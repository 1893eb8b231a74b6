package io.addrservice.store;

import io.addrservice.model.VersionedEntry;

/**
 * What an insert did: created the entry, or found that its idempotency key was already used (within
 * {@link Retention#IDEMPOTENCY_KEYS}) and created nothing.
 *
 * @param created the new entry at version 1, or null when the key was found
 * @param earlierId the id that the key's first create gave, when the key was found
 * @param earlierFingerprint the fingerprint stored with the key, when the key was found
 */
public record Insertion(VersionedEntry created, String earlierId, String earlierFingerprint) {

  /** A new entry was stored. */
  static Insertion created(VersionedEntry entry) {
    return new Insertion(entry, null, null);
  }

  /** The key was used before: nothing was stored. */
  static Insertion earlier(String id, String fingerprint) {
    return new Insertion(null, id, fingerprint);
  }
}

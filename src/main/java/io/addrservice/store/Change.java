package io.addrservice.store;

import io.addrservice.model.VersionedEntry;
import java.time.Instant;

/**
 * The latest write to one entry, as the change feed reads it: the entry as written, or a tombstone
 * when it was deleted.
 *
 * @param sequence the write's store-wide sequence number
 * @param id the entry's id
 * @param version the entry's version after the write (for a deletion, the version deleted)
 * @param entry the entry as written, or null for a deletion
 * @param at when the write was made
 */
public record Change(long sequence, String id, long version, VersionedEntry entry, Instant at) {

  /** Whether this is a tombstone. */
  public boolean deleted() {
    return entry == null;
  }
}

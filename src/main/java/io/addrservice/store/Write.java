package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import java.time.Instant;

/**
 * One write as the engines that hold books in memory record it (the file engine's log record): an
 * entry put at a version, or deleted. Replaying the writes in order rebuilds the state.
 *
 * @param sequence the store-wide sequence number
 * @param owner the book
 * @param id the entry's id
 * @param version the version written (for a deletion, the version deleted)
 * @param entry the entry, or null for a deletion
 * @param at when it was written
 * @param key the idempotency key stored with a create, or null
 */
record Write(
    long sequence,
    String owner,
    String id,
    long version,
    AddressEntry entry,
    Instant at,
    StoredKey key) {

  boolean deletion() {
    return entry == null;
  }
}

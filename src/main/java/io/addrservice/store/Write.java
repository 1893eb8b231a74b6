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
 * @param entry the entry, or null for a deletion or when only its JSON is at hand
 * @param at when it was written
 * @param key the idempotency key stored with a create, or null
 * @param json the entry's JSON as the file engine's log holds it, for a write read back from it
 *     (replayed entries are kept so until they are read: {@link Change#stored}), or null
 */
record Write(
    long sequence,
    String owner,
    String id,
    long version,
    AddressEntry entry,
    Instant at,
    StoredKey key,
    StoredJson json) {

  boolean deletion() {
    return entry == null && json == null;
  }
}

package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where entries live. Every entry belongs to one owner (its book), and every operation names the
 * owner: another owner's entry is exactly like one that does not exist. Every engine keeps a
 * version per entry (1 on insert, one more on every update), makes conditional writes atomic (the
 * version check and the write are one step), lists entries in id order with keyset paging, gives
 * every write a store-wide, strictly increasing sequence number and keeps a tombstone for each
 * deletion for the changes retention. Engines know nothing about HTTP or business rules; ids arrive
 * already validated.
 */
public interface AddressStore {

  /**
   * Stores a new entry under an id that is not in use, at version 1. With a {@code key}, the key is
   * stored in the same durable write, and when the owner used the key before (within {@link
   * Retention#IDEMPOTENCY_KEYS}) nothing is stored and the earlier use is returned instead: the
   * check and the insert are atomic.
   *
   * @param key the idempotency key and the entry's fingerprint, or null
   */
  Insertion insert(String owner, String id, AddressEntry entry, IdempotencyKey key);

  /**
   * Writes a batch of an import: inserts each of {@code inserts} under its id (not in use) at
   * version 1, and replaces each of {@code replaces} whose entry exists, whatever its version, as
   * one durable write (the file store: one log record, one flush; PostgreSQL: one transaction).
   * Returns the ids of {@code replaces} that named no entry, for which nothing was written.
   */
  Set<String> writeBatch(
      String owner, Map<String, AddressEntry> inserts, Map<String, AddressEntry> replaces);

  /** The owner's entry with this id, if there is one. */
  Optional<VersionedEntry> find(String owner, String id);

  /**
   * Replaces the owner's entry if it exists and its version is accepted by {@code expected}; the
   * check and the write are atomic.
   */
  WriteResult replace(String owner, String id, AddressEntry entry, VersionMatch expected);

  /**
   * Removes the owner's entry if it exists and its version is accepted by {@code expected}, leaving
   * a tombstone; the check and the removal are atomic.
   */
  WriteResult remove(String owner, String id, VersionMatch expected);

  /**
   * Merges entries as one atomic step: replaces the owner's entry {@code targetId} with {@code
   * merged} and removes (leaving tombstones) each entry of {@code sources}, if the target and every
   * source exist and each one's version is accepted by its condition; otherwise writes nothing. No
   * other write to any of these entries can come between the checks and the writes, and a crash
   * leaves either every write or none. Each write takes its own sequence number, the target's
   * first, so the change feed shows one update and the deletions.
   *
   * @param sources the ids to remove, each with its condition, in the order refusals are looked
   *     for; never containing {@code targetId}
   */
  MergeResult merge(
      String owner,
      String targetId,
      AddressEntry merged,
      VersionMatch target,
      Map<String, VersionMatch> sources);

  /**
   * Up to {@code limit} of the owner's entries in ascending id order, with ids greater than {@code
   * after} (all when null) and, when {@code text} is not null, whose full name or any e-mail
   * address contains it, ignoring case.
   */
  List<VersionedEntry> list(String owner, String after, int limit, String text);

  /**
   * Up to {@code limit} of the owner's changes with a sequence number greater than {@code after},
   * in sequence order: each entry once, in its latest state, deletions as tombstones. A change is
   * listed only once no change with a lower number can still appear, so a reader that continues
   * from the last number it saw (or from the batch's horizon) never misses one.
   */
  ChangeBatch changes(String owner, long after, int limit);

  /**
   * What tells this store apart from every other one, the same for its whole life and in every
   * instance sharing it: a change feed token names the store it came from, since sequence numbers
   * mean nothing in another.
   */
  String identity();

  /** How many live entries there are, in all books. */
  long count();

  /** The engine's name as configured: {@code memory}, {@code file} or {@code postgresql}. */
  String engine();

  /** Where the entries are, for logs and health details (a directory, a database URL). */
  String location();

  /** Whether the engine can serve requests now; a short reason when it cannot. */
  default Optional<String> unavailableReason() {
    return Optional.empty();
  }
}

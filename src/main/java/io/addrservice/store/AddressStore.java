package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.util.List;
import java.util.Optional;

/**
 * Where entries live. Every engine keeps a version per entry (1 on insert, one more on every
 * update), makes conditional writes atomic (the version check and the write are one step) and lists
 * entries in id order with keyset paging. Engines know nothing about HTTP or business rules; ids
 * arrive already validated.
 */
public interface AddressStore {

  /** Stores a new entry under an id that is not in use; returns it at version 1. */
  VersionedEntry insert(String id, AddressEntry entry);

  /** The entry with this id, if there is one. */
  Optional<VersionedEntry> find(String id);

  /**
   * Replaces the entry if it exists and its version is accepted by {@code expected}; the check and
   * the write are atomic.
   */
  WriteResult replace(String id, AddressEntry entry, VersionMatch expected);

  /**
   * Removes the entry if it exists and its version is accepted by {@code expected}; the check and
   * the removal are atomic.
   */
  WriteResult remove(String id, VersionMatch expected);

  /**
   * Up to {@code limit} entries in ascending id order, with ids greater than {@code after} (all
   * when null) and, when {@code text} is not null, whose full name or any e-mail address contains
   * it, ignoring case.
   */
  List<VersionedEntry> list(String after, int limit, String text);

  /** How many entries there are. */
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

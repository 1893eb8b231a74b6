package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/** Keeps entries in memory only: they are lost at exit. For tests and throw-away runs. */
final class MemoryStore implements AddressStore {
  private final ConcurrentSkipListMap<String, VersionedEntry> entries =
      new ConcurrentSkipListMap<>();

  @Override
  public String engine() {
    return "memory";
  }

  @Override
  public String location() {
    return "memory (lost at exit)";
  }

  @Override
  public VersionedEntry insert(String id, AddressEntry entry) {
    VersionedEntry stored = new VersionedEntry(id, 1, entry);
    if (entries.putIfAbsent(id, stored) != null) {
      throw new IllegalStateException("id already in use: " + id);
    }
    return stored;
  }

  @Override
  public Optional<VersionedEntry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  @Override
  public WriteResult replace(String id, AddressEntry entry, VersionMatch expected) {
    return conditionally(
        id, expected, current -> new VersionedEntry(id, current.version() + 1, entry));
  }

  @Override
  public WriteResult remove(String id, VersionMatch expected) {
    return conditionally(id, expected, current -> null);
  }

  /**
   * Checks the version and changes the entry in one atomic step of the map.
   *
   * @param change the entry's next state, or null to remove it
   */
  private WriteResult conditionally(
      String id, VersionMatch expected, UnaryOperator<VersionedEntry> change) {
    WriteResult[] result = {WriteResult.notFound()};
    entries.computeIfPresent(
        id,
        (key, current) -> {
          WriteResult refusal = WriteResult.refusal(current, expected);
          if (refusal != null) {
            result[0] = refusal;
            return current;
          }
          VersionedEntry next = change.apply(current);
          result[0] = WriteResult.written(next == null ? current : next);
          return next;
        });
    return result[0];
  }

  @Override
  public List<VersionedEntry> list(String after, int limit, String text) {
    return EntryListing.page(entries, after, limit, text);
  }

  @Override
  public long count() {
    return entries.size();
  }
}

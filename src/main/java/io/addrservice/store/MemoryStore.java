package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Keeps entries in memory only: they are lost at exit. For tests and throw-away runs. */
final class MemoryStore implements AddressStore {
  private final BookIndex index;
  // Nothing survives the process, so neither does the identity: a token of an earlier run is
  // refused, not read against numbers that start again.
  private final String identity = UUID.randomUUID().toString();

  MemoryStore(Retention retention) {
    // Nothing to make durable: a write is visible as soon as it is applied. Nothing is replayed,
    // so no entry is ever JSON to bind.
    this.index =
        new BookIndex(
            retention,
            writes -> {},
            json -> {
              throw new IllegalStateException("the memory store keeps no entry as JSON");
            });
  }

  MemoryStore() {
    this(Retention.defaults());
  }

  @Override
  public String engine() {
    return "memory";
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public String location() {
    return "memory (lost at exit)";
  }

  @Override
  public Insertion insert(String owner, String id, AddressEntry entry, IdempotencyKey key) {
    return index.insert(owner, id, entry, key);
  }

  @Override
  public Optional<VersionedEntry> find(String owner, String id) {
    return index.find(owner, id);
  }

  @Override
  public Set<String> writeBatch(
      String owner, Map<String, AddressEntry> inserts, Map<String, AddressEntry> replaces) {
    return index.writeBatch(owner, inserts, replaces);
  }

  @Override
  public WriteResult replace(String owner, String id, AddressEntry entry, VersionMatch expected) {
    return index.replace(owner, id, entry, expected);
  }

  @Override
  public WriteResult remove(String owner, String id, VersionMatch expected) {
    return index.remove(owner, id, expected);
  }

  @Override
  public MergeResult merge(
      String owner,
      String targetId,
      AddressEntry merged,
      VersionMatch target,
      Map<String, VersionMatch> sources) {
    return index.merge(owner, targetId, merged, target, sources);
  }

  @Override
  public List<VersionedEntry> list(String owner, String after, int limit, String text) {
    return index.list(owner, after, limit, text);
  }

  @Override
  public ChangeBatch changes(String owner, long after, int limit) {
    return index.changes(owner, after, limit);
  }

  @Override
  public long count() {
    return index.count();
  }
}

package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The engine it wraps, telling {@link LocalWrites} after each write that changed something. */
final class SignallingStore implements AddressStore {
  private final AddressStore engine;
  private final LocalWrites writes;

  SignallingStore(AddressStore engine, LocalWrites writes) {
    this.engine = engine;
    this.writes = writes;
  }

  @Override
  public Insertion insert(String owner, String id, AddressEntry entry, IdempotencyKey key) {
    Insertion done = engine.insert(owner, id, entry, key);
    if (done.created() != null) {
      writes.written(owner);
    }
    return done;
  }

  @Override
  public Set<String> writeBatch(
      String owner, Map<String, AddressEntry> inserts, Map<String, AddressEntry> replaces) {
    Set<String> missing = engine.writeBatch(owner, inserts, replaces);
    if (!inserts.isEmpty() || missing.size() < replaces.size()) {
      writes.written(owner);
    }
    return missing;
  }

  @Override
  public Optional<VersionedEntry> find(String owner, String id) {
    return engine.find(owner, id);
  }

  @Override
  public WriteResult replace(String owner, String id, AddressEntry entry, VersionMatch expected) {
    return signalled(owner, engine.replace(owner, id, entry, expected));
  }

  @Override
  public WriteResult remove(String owner, String id, VersionMatch expected) {
    return signalled(owner, engine.remove(owner, id, expected));
  }

  @Override
  public MergeResult merge(
      String owner,
      String targetId,
      AddressEntry merged,
      VersionMatch target,
      Map<String, VersionMatch> sources) {
    MergeResult result = engine.merge(owner, targetId, merged, target, sources);
    if (result.status() == WriteResult.Status.WRITTEN) {
      writes.written(owner);
    }
    return result;
  }

  @Override
  public List<VersionedEntry> list(String owner, String after, int limit, String text) {
    return engine.list(owner, after, limit, text);
  }

  @Override
  public ChangeBatch changes(String owner, long after, int limit) {
    return engine.changes(owner, after, limit);
  }

  @Override
  public String identity() {
    return engine.identity();
  }

  @Override
  public long count() {
    return engine.count();
  }

  @Override
  public String engine() {
    return engine.engine();
  }

  @Override
  public String location() {
    return engine.location();
  }

  @Override
  public Optional<String> unavailableReason() {
    return engine.unavailableReason();
  }

  private WriteResult signalled(String owner, WriteResult result) {
    if (result.status() == WriteResult.Status.WRITTEN) {
      writes.written(owner);
    }
    return result;
  }
}

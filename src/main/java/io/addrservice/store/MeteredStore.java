package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times every operation of the engine it wraps ({@value #OPERATIONS}, tagged by operation and
 * engine) and reports how many entries there are ({@value #ENTRIES}), whatever the engine.
 */
final class MeteredStore implements AddressStore {
  /** The timer of store operations. */
  static final String OPERATIONS = "addrservice.store.operations";

  /** The gauge of stored entries, read at each scrape. */
  static final String ENTRIES = "addrservice.store.entries";

  private final AddressStore engine;
  private final Timer insert;
  private final Timer find;
  private final Timer replace;
  private final Timer remove;
  private final Timer merge;
  private final Timer batch;
  private final Timer list;
  private final Timer changes;
  private final Timer count;

  MeteredStore(AddressStore engine, MeterRegistry registry) {
    this.engine = engine;
    // Built once: a lookup per call would cost a registry search on the hot path.
    this.insert = timer(registry, "insert");
    this.find = timer(registry, "find");
    this.replace = timer(registry, "replace");
    this.remove = timer(registry, "remove");
    this.merge = timer(registry, "merge");
    this.batch = timer(registry, "batch");
    this.list = timer(registry, "list");
    this.changes = timer(registry, "changes");
    this.count = timer(registry, "count");
    Gauge.builder(ENTRIES, engine, MeteredStore::entries)
        .description("Entries in the store")
        .tag("engine", engine.engine())
        .strongReference(true)
        .register(registry);
  }

  @Override
  public Insertion insert(String owner, String id, AddressEntry entry, IdempotencyKey key) {
    return timed(insert, () -> engine.insert(owner, id, entry, key));
  }

  @Override
  public Optional<VersionedEntry> find(String owner, String id) {
    return timed(find, () -> engine.find(owner, id));
  }

  @Override
  public Set<String> writeBatch(
      String owner, Map<String, AddressEntry> inserts, Map<String, AddressEntry> replaces) {
    return timed(batch, () -> engine.writeBatch(owner, inserts, replaces));
  }

  @Override
  public WriteResult replace(String owner, String id, AddressEntry entry, VersionMatch expected) {
    return timed(replace, () -> engine.replace(owner, id, entry, expected));
  }

  @Override
  public WriteResult remove(String owner, String id, VersionMatch expected) {
    return timed(remove, () -> engine.remove(owner, id, expected));
  }

  @Override
  public MergeResult merge(
      String owner,
      String targetId,
      AddressEntry merged,
      VersionMatch target,
      Map<String, VersionMatch> sources) {
    return timed(merge, () -> engine.merge(owner, targetId, merged, target, sources));
  }

  @Override
  public List<VersionedEntry> list(String owner, String after, int limit, String text) {
    return timed(list, () -> engine.list(owner, after, limit, text));
  }

  @Override
  public ChangeBatch changes(String owner, long after, int limit) {
    return timed(changes, () -> engine.changes(owner, after, limit));
  }

  @Override
  public long count() {
    return timed(count, engine::count);
  }

  @Override
  public String identity() {
    return engine.identity();
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

  private Timer timer(MeterRegistry registry, String operation) {
    return Timer.builder(OPERATIONS)
        .description("Store operations, failed ones included")
        .tag("operation", operation)
        .tag("engine", engine.engine())
        .register(registry);
  }

  private static <T> T timed(Timer timer, Supplier<T> operation) {
    long start = System.nanoTime();
    try {
      return operation.get();
    } finally {
      timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** A scrape must not fail while the engine cannot count (a database down): readiness says so. */
  private static double entries(AddressStore engine) {
    try {
      return engine.count();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}

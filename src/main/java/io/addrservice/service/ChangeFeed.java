package io.addrservice.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.JsonMapping;
import io.addrservice.store.AddressStore;
import io.addrservice.store.Change;
import io.addrservice.store.ChangeBatch;
import io.addrservice.store.LocalWrites;
import io.addrservice.store.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The change feed: pages of changes after a token, and open streams of them.
 *
 * <p>Every open stream of this instance is served by one dispatcher thread. It reads the store when
 * this instance writes to a book that has open streams ({@link LocalWrites}), and, on the
 * postgresql engine, every {@code addrservice.changes.poll-interval} for writes of other instances.
 * Streams of one book at the same position share one read. A stream holds at most {@code
 * addrservice.changes.stream-buffer} events; its client's pace decides how fast it reads.
 */
@ApplicationScoped
public class ChangeFeed implements ChangeStream.Listener {
  /** The gauge of open streams. */
  public static final String STREAMS = "addrservice.changes.streams";

  /** The counter of changes sent, tagged by {@code via}: {@code page} or {@code stream}. */
  public static final String SERVED = "addrservice.changes.served";

  /** The most changes one store read takes for streams. */
  private static final int CHUNK = 256;

  /** Rounds in a row before the dispatcher looks at heartbeats and polls again. */
  private static final int MAX_ROUNDS = 64;

  private final AddressStore store;
  private final AddrServiceConfig.Page pageSizes;
  private volatile SyncTokens tokens;
  private final int capacity;
  private final long heartbeatNanos;
  private final long stallNanos;
  private final long pollNanos;
  private final Counter servedByPage;
  private final Counter servedByStream;

  private final Map<String, Set<ChangeStream>> streams = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  private final Semaphore wakeups = new Semaphore(0);
  private final Consumer<String> onWrite = this::written;
  private final LocalWrites writes;
  // The model's JSON mapping, as the API writes entries: one text per change, for every stream.
  private final ObjectMapper json = JsonMapping.newMapper();
  private Thread dispatcher;
  private volatile boolean stopping;

  /** A feed over {@code store}, woken by {@code writes}. */
  public ChangeFeed(
      AddressStore store, LocalWrites writes, AddrServiceConfig config, MeterRegistry registry) {
    this.store = store;
    this.writes = writes;
    this.pageSizes = config.page();
    AddrServiceConfig.Changes changes = config.changes();
    this.capacity = Math.max(2, changes.streamBuffer());
    this.heartbeatNanos = changes.heartbeat().toNanos();
    this.stallNanos = changes.stallTimeout().toNanos();
    // Only a shared database has writers this instance does not hear of.
    this.pollNanos =
        config.store().kind() == AddrServiceConfig.StoreKind.POSTGRESQL
            ? changes.pollInterval().toNanos()
            : Long.MAX_VALUE;
    this.servedByPage = served(registry, "page");
    this.servedByStream = served(registry, "stream");
    Gauge.builder(STREAMS, open, AtomicInteger::get)
        .description("Open change streams (GET /addresses/changes, text/event-stream)")
        .strongReference(true)
        .register(registry);
    writes.onWrite(onWrite);
  }

  private static Counter served(MeterRegistry registry, String via) {
    return Counter.builder(SERVED)
        .description("Changes sent to clients of the change feed, tombstones included")
        .tag("via", via)
        .register(registry);
  }

  /**
   * A page of the owner's changes.
   *
   * @param since the token of an earlier page or sync, or null (or empty) for a full sync: every
   *     live entry, then the token to continue from
   * @param limit the page size as the client wrote it, or null for the default
   * @throws InvalidRequestException when the limit or the token is unusable (malformed, another
   *     store's, another book's)
   * @throws ChangesExpiredException when changes after the token are no longer all kept
   */
  public ChangePage page(String owner, String since, String limit) {
    int size = Limits.pageSize(limit, pageSizes);
    SyncTokens.Position from =
        since == null || since.isEmpty() ? null : tokens().decode(owner, since, "since");
    long after = from == null ? 0 : from.sequence();
    // One more than asked for tells whether more follow.
    ChangeBatch batch = stored(() -> store.changes(owner, after, size + 1));
    if (from != null && expired(batch, from)) {
      throw new ChangesExpiredException();
    }
    // A full sync leaves out deletions already made when it started: of entries it never lists.
    long floor = from == null ? batch.horizon() : from.floor();
    List<Change> found = batch.changes();
    boolean more = found.size() > size;
    List<Change> listed = more ? found.subList(0, size) : found;
    List<FeedChange> changes = new ArrayList<>(listed.size());
    for (Change change : listed) {
      if (!(change.deleted() && change.sequence() <= floor)) {
        changes.add(asFeedChange(change));
      }
    }
    long through = more ? listed.get(size - 1).sequence() : Math.max(after, batch.horizon());
    servedByPage.increment(changes.size());
    String next = tokens().encode(owner, new SyncTokens.Position(through, floor));
    return new ChangePage(changes, next, more, size);
  }

  /**
   * Opens a stream of the owner's changes after a token: its events start when it is subscribed.
   *
   * @param since the token to start after, or null (or empty) for a full sync first
   * @param parameter where {@code since} came from, for errors ({@code since}, {@code
   *     Last-Event-ID})
   * @param delivery where the stream's events reach its subscriber (the client connection's
   *     thread), so that the one dispatcher of every stream never writes to a client itself
   * @throws InvalidRequestException when the token is unusable
   * @throws ChangesExpiredException when changes after the token are no longer all kept
   */
  public Flow.Publisher<StreamEvent> stream(
      String owner, String since, String parameter, Executor delivery) {
    boolean full = since == null || since.isEmpty();
    SyncTokens.Position from = full ? null : tokens().decode(owner, since, parameter);
    ChangeBatch probe = stored(() -> store.changes(owner, full ? 0 : from.sequence(), 1));
    if (!full && expired(probe, from)) {
      throw new ChangesExpiredException();
    }
    SyncTokens.Position start = full ? new SyncTokens.Position(0, probe.horizon()) : from;
    return new ChangeStream(
        owner, start, full ? null : since, capacity, this, System::nanoTime, delivery);
  }

  /** The tokens of this store, once its identity could be read. */
  private SyncTokens tokens() {
    SyncTokens known = tokens;
    if (known == null) {
      known = new SyncTokens(stored(store::identity));
      tokens = known;
    }
    return known;
  }

  /** How many streams are open now. */
  public int openStreams() {
    return open.get();
  }

  private static boolean expired(ChangeBatch batch, SyncTokens.Position from) {
    return batch.expiredThrough() > Math.max(from.sequence(), from.floor());
  }

  private static FeedChange asFeedChange(Change change) {
    return change.deleted()
        ? FeedChange.tombstone(change.id(), change.version())
        : FeedChange.live(change.id(), change.version(), change.entry().entry());
  }

  // ---- streams ----

  @Override
  public void opened(ChangeStream stream) {
    if (stopping) {
      stream.finish(StreamEvent.Kind.RESUME, stream.lastQueuedToken);
      return;
    }
    streams.computeIfAbsent(stream.owner, owner -> ConcurrentHashMap.newKeySet()).add(stream);
    open.incrementAndGet();
    startDispatcher();
    wake(stream.owner);
  }

  @Override
  public void roomAgain(ChangeStream stream) {
    wake(stream.owner);
  }

  @Override
  public void closed(ChangeStream stream) {
    Set<ChangeStream> ofOwner = streams.get(stream.owner);
    if (ofOwner != null && ofOwner.remove(stream)) {
      open.decrementAndGet();
      streams.computeIfPresent(stream.owner, (owner, set) -> set.isEmpty() ? null : set);
    }
  }

  private void written(String owner) {
    if (streams.containsKey(owner)) {
      wake(owner);
    }
  }

  private void wake(String owner) {
    dirty.add(owner);
    wakeups.release();
  }

  private synchronized void startDispatcher() {
    if (dispatcher == null) {
      dispatcher = new Thread(this::dispatch, "addrservice-changes");
      dispatcher.setDaemon(true);
      dispatcher.start();
      // Open streams are requests in progress: at SIGTERM Quarkus would wait for them for all of
      // quarkus.shutdown.timeout. Ended at once instead, each client told to resume (elsewhere).
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "addrservice-changes-stop"));
      } catch (IllegalStateException shuttingDown) {
        stopping = true;
      }
    }
  }

  /** Ends every open stream with a last event saying to resume (elsewhere, or after a restart). */
  @PreDestroy
  void stop() {
    stopping = true;
    writes.remove(onWrite);
    for (Set<ChangeStream> ofOwner : streams.values()) {
      for (ChangeStream stream : ofOwner) {
        stream.dropWithResume();
      }
    }
    Thread running;
    synchronized (this) {
      running = dispatcher;
    }
    if (running != null) {
      running.interrupt();
    }
  }

  private void dispatch() {
    long tick = Math.max(1, Math.min(heartbeatNanos / 2, pollNanos));
    long nextTick = System.nanoTime() + tick;
    long nextPoll = pollNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + pollNanos;
    while (!stopping) {
      try {
        long wait = Math.max(0, nextTick - System.nanoTime());
        if (wakeups.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
          wakeups.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = System.nanoTime();
      if (now >= nextPoll) {
        dirty.addAll(streams.keySet());
        nextPoll = now + pollNanos;
      }
      try {
        for (int round = 0; round < MAX_ROUNDS && !dirty.isEmpty(); round++) {
          Set<String> owners = new HashSet<>(dirty);
          dirty.removeAll(owners);
          for (String owner : owners) {
            serve(owner);
          }
        }
        if (now >= nextTick) {
          keepAlive(now);
          nextTick = now + tick;
        }
      } catch (RuntimeException e) {
        Log.errorf(e, "Change streams: unexpected failure; streams go on at the next wake-up");
      }
      if (!dirty.isEmpty()) {
        wakeups.release();
      }
    }
  }

  private void keepAlive(long now) {
    for (Set<ChangeStream> ofOwner : streams.values()) {
      for (ChangeStream stream : ofOwner) {
        if (stream.stalled(now, stallNanos)) {
          stream.dropWithResume();
        } else {
          stream.heartbeatIfSilent(now, heartbeatNanos / 2);
        }
      }
    }
  }

  /** Reads what the owner's streams can take, one read per position they are at. */
  private void serve(String owner) {
    Set<ChangeStream> ofOwner = streams.get(owner);
    if (ofOwner == null) {
      return;
    }
    Map<SyncTokens.Position, List<ChangeStream>> atPosition = new HashMap<>();
    for (ChangeStream stream : ofOwner) {
      if (stream.room() > 0) {
        atPosition.computeIfAbsent(stream.position, p -> new ArrayList<>()).add(stream);
      }
    }
    for (Map.Entry<SyncTokens.Position, List<ChangeStream>> group : atPosition.entrySet()) {
      serve(owner, group.getKey(), group.getValue());
    }
  }

  private void serve(String owner, SyncTokens.Position from, List<ChangeStream> members) {
    int limit = 0;
    for (ChangeStream stream : members) {
      limit = Math.max(limit, stream.room());
    }
    limit = Math.min(limit, CHUNK);
    ChangeBatch batch;
    try {
      batch = store.changes(owner, from.sequence(), limit);
    } catch (StoreUnavailableException e) {
      // Tried again at the next poll or write; the streams stay where they are.
      Log.warnf("Change streams of a book could not read the store: %s", e.getMessage());
      return;
    }
    if (expired(batch, from)) {
      for (ChangeStream stream : members) {
        stream.finish(StreamEvent.Kind.EXPIRED, stream.lastQueuedToken);
      }
      return;
    }
    List<Change> changes = batch.changes();
    boolean full = changes.size() >= limit;
    // Each change's event (null for a tombstone the stream's full sync leaves out) and token.
    List<StreamEvent> events = new ArrayList<>(changes.size());
    for (Change change : changes) {
      if (change.deleted() && change.sequence() <= from.floor()) {
        events.add(null);
      } else {
        String token =
            tokens().encode(owner, new SyncTokens.Position(change.sequence(), from.floor()));
        FeedChange feedChange = asFeedChange(change);
        events.add(new StreamEvent(StreamEvent.Kind.CHANGE, token, feedChange, toJson(feedChange)));
      }
    }
    for (ChangeStream stream : members) {
      take(stream, from, batch, events, full);
    }
  }

  private void take(
      ChangeStream stream,
      SyncTokens.Position from,
      ChangeBatch batch,
      List<StreamEvent> events,
      boolean full) {
    int room = stream.room();
    List<StreamEvent> taken = new ArrayList<>(Math.min(room, events.size()));
    int consumed = 0;
    while (consumed < events.size()) {
      StreamEvent event = events.get(consumed);
      if (event != null) {
        if (taken.size() == room) {
          break;
        }
        taken.add(event);
      }
      consumed++;
    }
    List<Change> changes = batch.changes();
    long through;
    boolean behind;
    if (consumed == changes.size() && !full) {
      through = Math.max(from.sequence(), batch.horizon());
      behind = false;
    } else {
      through = consumed == 0 ? from.sequence() : changes.get(consumed - 1).sequence();
      behind = true;
    }
    stream.position = new SyncTokens.Position(through, from.floor()).normalised();
    stream.behind = behind;
    if (!taken.isEmpty()) {
      stream.lastQueuedToken = taken.get(taken.size() - 1).token();
      servedByStream.increment(taken.size());
      stream.offer(taken);
    }
    if (behind && stream.room() > 0) {
      dirty.add(stream.owner);
    }
  }

  private String toJson(FeedChange change) {
    try {
      return json.writeValueAsString(change);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a change as JSON", e);
    }
  }

  private static <T> T stored(java.util.function.Supplier<T> operation) {
    try {
      return operation.get();
    } catch (StoreUnavailableException e) {
      throw new StorageUnavailableException(e);
    }
  }
}

package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every book of a store held in memory: live entries by owner and id, each owner's changes by
 * sequence number (tombstones included), and idempotency keys. The memory and file engines share
 * it; a {@link Journal} makes each write durable before it becomes visible.
 *
 * <p>A write holds the lock of its id (and of its idempotency key) from the version check until it
 * is visible, so a check and its write are one step; writes to other ids go on meanwhile and share
 * the journal's flushes.
 */
final class BookIndex {
  private static final Comparator<Change> SEQUENCE_ORDER =
      Comparator.comparingLong(Change::sequence);

  /**
   * Makes writes durable before they are applied, all of them or none (a merge is several); throws
   * when it cannot.
   */
  interface Journal {
    void write(List<Write> writes);
  }

  /** A write before it has its sequence number. */
  private record Planned(
      String owner, String id, long version, AddressEntry entry, StoredKey key) {}

  /**
   * One owner's book: the live entries by id (never a null entry), and the latest change of each
   * entry by sequence number, tombstones included. Both are keyed by what the change holds (its id
   * string, itself), so an entry costs the index its place in two skip lists and nothing more.
   */
  private static final class Book {
    final ConcurrentSkipListMap<String, Change> live = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListSet<Change> bySequence = new ConcurrentSkipListSet<>(SEQUENCE_ORDER);
  }

  private record OwnedKey(String owner, String key) {}

  private record OwnedChange(String owner, Change change) {}

  /**
   * The sequence cut of a snapshot being taken, and the changes at or below it that left their
   * books (replaced, deleted or purged) while the snapshot's walk was running, by sequence number.
   */
  private record Cut(long sequence, Map<Long, OwnedChange> left) {}

  private final Retention retention;
  private final Journal journal;
  private final Change.Binder binder;

  /** Every owner's book, made at its first write and kept (its tombstones outlive its entries). */
  private final Map<String, Book> books = new ConcurrentHashMap<>();

  private final Map<OwnedKey, StoredKey> keys = new ConcurrentHashMap<>();

  /** Tombstones and keys in the order they were written, which is (close to) expiry order. */
  private final Queue<OwnedChange> tombstones = new ConcurrentLinkedQueue<>();

  private final Queue<StoredKey> keysByAge = new ConcurrentLinkedQueue<>();

  private final SequenceHorizon sequences = new SequenceHorizon();
  private final AtomicLong liveCount = new AtomicLong();
  private volatile long expiredThrough;
  private final Every purges;

  private final ConcurrentHashMap<String, NamedLock> locks = new ConcurrentHashMap<>();

  /** Writes hold it shared; {@link #snapshot} holds it alone, to cut where no write is. */
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

  /** Held by {@link #snapshot} throughout: one snapshot at a time. */
  private final ReentrantLock snapshots = new ReentrantLock();

  /** The cut of the snapshot being taken, or null. */
  private volatile Cut cut;

  /** An empty index; {@code binder} binds the JSON of a replayed put ({@link Change#stored}). */
  BookIndex(Retention retention, Journal journal, Change.Binder binder) {
    this.retention = retention;
    this.journal = journal;
    this.binder = binder;
    this.purges = new Every(retention.clock(), Retention.PURGE_INTERVAL);
  }

  /** The live change of the entry, or null. */
  private Change live(String owner, String id) {
    Book book = books.get(owner);
    return book == null ? null : book.live.get(id);
  }

  Optional<VersionedEntry> find(String owner, String id) {
    Change found = live(owner, id);
    return found == null ? Optional.empty() : Optional.of(found.entry());
  }

  List<VersionedEntry> list(String owner, String after, int limit, String text) {
    Book book = books.get(owner);
    if (book == null) {
      return List.of();
    }
    NavigableMap<String, Change> page = after == null ? book.live : book.live.tailMap(after, false);
    return EntryListing.page(
        () -> page.values().stream().map(Change::entry).iterator(), limit, text);
  }

  ChangeBatch changes(String owner, long after, int limit) {
    long horizon = sequences.visible();
    Book book = books.get(owner);
    List<Change> page = new ArrayList<>(Math.min(limit, 1024));
    if (book != null) {
      for (Change change :
          book.bySequence.subSet(Change.probe(after), false, Change.probe(horizon), true)) {
        if (page.size() >= limit) {
          break;
        }
        page.add(change);
      }
    }
    // Read after the walk: a purge raises it before it drops a tombstone, so a tombstone the walk
    // missed because it was dropped meanwhile is always covered by the value read here.
    return new ChangeBatch(page, horizon, expiredThrough);
  }

  long count() {
    return liveCount.get();
  }

  Insertion insert(String owner, String id, AddressEntry entry, IdempotencyKey key) {
    if (key == null) {
      return Insertion.created(insertLocked(owner, id, entry, null));
    }
    OwnedKey ownedKey = new OwnedKey(owner, key.key());
    // The key's lock, then the id's: a retry that races its first try waits for it.
    return locked(
        "key\0" + owner + '\0' + key.key(),
        () -> {
          StoredKey earlier = keys.get(ownedKey);
          Instant now = retention.now();
          if (earlier != null && !Retention.keyExpired(earlier.createdAt(), now)) {
            return Insertion.earlier(earlier.entryId(), earlier.fingerprint());
          }
          StoredKey stored = new StoredKey(owner, key.key(), key.fingerprint(), id, now);
          return Insertion.created(insertLocked(owner, id, entry, stored));
        });
  }

  private VersionedEntry insertLocked(String owner, String id, AddressEntry entry, StoredKey key) {
    return locked(
        id,
        () -> {
          if (live(owner, id) != null) {
            throw new IllegalStateException("id already in use: " + id);
          }
          return write(owner, id, 1, entry, key).entry();
        });
  }

  WriteResult replace(String owner, String id, AddressEntry entry, VersionMatch expected) {
    return conditionally(
        owner,
        id,
        expected,
        current ->
            WriteResult.written(write(owner, id, current.version() + 1, entry, null).entry()));
  }

  WriteResult remove(String owner, String id, VersionMatch expected) {
    return conditionally(
        owner,
        id,
        expected,
        current -> {
          write(owner, id, current.version(), null, null);
          return WriteResult.written(current.entry());
        });
  }

  /** Checks the version and makes the write under the id's lock, so the two are one step. */
  private WriteResult conditionally(
      String owner, String id, VersionMatch expected, Function<Change, WriteResult> write) {
    return locked(
        id,
        () -> {
          Change current = live(owner, id);
          WriteResult refusal = WriteResult.refusal(version(current), expected);
          return refusal != null ? refusal : write.apply(current);
        });
  }

  /** The version of {@code change}, or null when there is none. */
  private static Long version(Change change) {
    return change == null ? null : change.version();
  }

  /** Journals the write, then applies it; the caller holds the id's lock. */
  private Change write(String owner, String id, long version, AddressEntry entry, StoredKey key) {
    return write(List.of(new Planned(owner, id, version, entry, key))).get(0);
  }

  /**
   * Journals the writes as one durable step, then applies them in order; the caller holds the lock
   * of every id. Each takes its own sequence number, none visible to the change feed before all are
   * applied.
   */
  private List<Change> write(List<Planned> planned) {
    purgeIfDue();
    gate.readLock().lock();
    try {
      long[] numbers = new long[planned.size()];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = sequences.next();
      }
      try {
        Instant now = retention.now();
        List<Write> writes = new ArrayList<>(planned.size());
        for (int i = 0; i < numbers.length; i++) {
          Planned p = planned.get(i);
          Instant at = p.key() == null ? now : p.key().createdAt();
          writes.add(
              new Write(numbers[i], p.owner(), p.id(), p.version(), p.entry(), at, p.key(), null));
        }
        journal.write(writes);
        List<Change> applied = new ArrayList<>(writes.size());
        for (Write write : writes) {
          applied.add(apply(write, false));
        }
        return applied;
      } finally {
        for (long number : numbers) {
          sequences.finish(number);
        }
      }
    } finally {
      gate.readLock().unlock();
    }
  }

  /**
   * Inserts and replaces many entries as one step ({@link AddressStore#writeBatch}): every id's
   * lock is held (taken in id order) from the checks until the writes are applied, and the journal
   * makes them durable together. Returns the ids of {@code replaces} that named no entry.
   *
   * @throws IllegalStateException when an id of {@code inserts} is in use (nothing is written)
   */
  Set<String> writeBatch(
      String owner, Map<String, AddressEntry> inserts, Map<String, AddressEntry> replaces) {
    TreeSet<String> ids = new TreeSet<>(inserts.keySet());
    ids.addAll(replaces.keySet());
    return lockedAll(
        ids.iterator(),
        () -> {
          List<Planned> planned = new ArrayList<>(inserts.size() + replaces.size());
          for (Map.Entry<String, AddressEntry> insert : inserts.entrySet()) {
            if (live(owner, insert.getKey()) != null) {
              throw new IllegalStateException("id already in use: " + insert.getKey());
            }
            planned.add(new Planned(owner, insert.getKey(), 1, insert.getValue(), null));
          }
          Set<String> missing = new HashSet<>();
          for (Map.Entry<String, AddressEntry> replace : replaces.entrySet()) {
            Change current = live(owner, replace.getKey());
            if (current == null) {
              missing.add(replace.getKey());
            } else {
              planned.add(
                  new Planned(
                      owner, replace.getKey(), current.version() + 1, replace.getValue(), null));
            }
          }
          if (!planned.isEmpty()) {
            write(planned);
          }
          return missing;
        });
  }

  /**
   * Replaces the target and removes the sources as one step: every id's lock is held (taken in id
   * order, so two merges over the same entries cannot deadlock) from the version checks until all
   * the writes are applied, and the journal makes them durable together.
   */
  MergeResult merge(
      String owner,
      String targetId,
      AddressEntry merged,
      VersionMatch target,
      Map<String, VersionMatch> sources) {
    TreeSet<String> ids = new TreeSet<>(sources.keySet());
    ids.add(targetId);
    return lockedAll(
        ids.iterator(),
        () -> {
          Change current = live(owner, targetId);
          WriteResult refusal = WriteResult.refusal(version(current), target);
          if (refusal != null) {
            return MergeResult.refused(targetId, refusal);
          }
          List<Planned> planned = new ArrayList<>(1 + sources.size());
          planned.add(new Planned(owner, targetId, current.version() + 1, merged, null));
          for (Map.Entry<String, VersionMatch> source : sources.entrySet()) {
            Change found = live(owner, source.getKey());
            WriteResult refused = WriteResult.refusal(version(found), source.getValue());
            if (refused != null) {
              return MergeResult.refused(source.getKey(), refused);
            }
            planned.add(new Planned(owner, source.getKey(), found.version(), null, null));
          }
          return MergeResult.written(write(planned).get(0).entry());
        });
  }

  /**
   * Applies a write read back from a journal (at start-up, before any other write): the state
   * follows the last write of each entry.
   */
  void replay(Write write) {
    apply(write, true);
  }

  /** Restores an idempotency key read back from a snapshot. */
  void replay(StoredKey key) {
    keys.put(new OwnedKey(key.owner(), key.key()), key);
    keysByAge.add(key);
  }

  /**
   * Continues numbering after the replayed writes, with tombstones dropped through {@code expired}.
   */
  void replayed(long lastSequence, long expired) {
    sequences.restart(lastSequence);
    expiredThrough = Math.max(expiredThrough, expired);
  }

  /**
   * Makes the write visible. Outside a replay, a replaced or deleted change that holds an unread
   * entry's place in a file takes the entry's JSON onto the heap: a reader may still hold it, and
   * its file may be retired by a compaction that no longer sees it.
   */
  private Change apply(Write write, boolean replaying) {
    Book book = books.computeIfAbsent(write.owner(), owner -> new Book());
    Change change =
        write.json() != null
            ? Change.stored(
                write.sequence(), write.id(), write.version(), write.json(), binder, write.at())
            : new Change(
                write.sequence(),
                write.id(),
                write.version(),
                write.deletion() ? null : write.entry(),
                write.at());
    Change previous;
    if (write.deletion()) {
      previous = book.live.remove(write.id());
      tombstones.add(new OwnedChange(write.owner(), change));
    } else {
      previous = book.live.put(write.id(), change);
    }
    if (previous != null) {
      drop(book, write.owner(), previous);
      if (!replaying) {
        previous.detach();
      }
    }
    if (previous == null && !write.deletion()) {
      liveCount.incrementAndGet();
    } else if (previous != null && write.deletion()) {
      liveCount.decrementAndGet();
    }
    book.bySequence.add(change);
    if (write.key() != null) {
      keys.put(new OwnedKey(write.owner(), write.key().key()), write.key());
      keysByAge.add(write.key());
    }
    return change;
  }

  /** Drops tombstones and keys past their retention, at most once a minute. */
  private void purgeIfDue() {
    if (purges.due()) {
      purge();
    }
  }

  /** Drops tombstones and keys past their retention now. */
  synchronized void purge() {
    Instant now = retention.now();
    for (OwnedChange oldest = tombstones.peek();
        oldest != null && retention.tombstoneExpired(oldest.change().at(), now);
        oldest = tombstones.peek()) {
      tombstones.poll();
      Book book = books.get(oldest.owner());
      // Sequence numbers are never reused: a change in the set with its number is this one.
      if (book != null && book.bySequence.contains(oldest.change())) {
        // Raised first: a reader that does not find the tombstone sees the number (changes()).
        expiredThrough = Math.max(expiredThrough, oldest.change().sequence());
        drop(book, oldest.owner(), oldest.change());
      }
    }
    for (StoredKey oldest = keysByAge.peek();
        oldest != null && Retention.keyExpired(oldest.createdAt(), now);
        oldest = keysByAge.peek()) {
      keysByAge.poll();
      keys.remove(new OwnedKey(oldest.owner(), oldest.key()), oldest);
    }
  }

  /**
   * Takes a change out of its book's sequence set. A snapshot being taken that needs it (it is at
   * or below the cut) is given it first, so that the snapshot's walk either finds it in the set or
   * finds it in the cut.
   */
  private void drop(Book book, String owner, Change change) {
    Cut walking = cut;
    if (walking != null && change.sequence() <= walking.sequence()) {
      walking.left().put(change.sequence(), new OwnedChange(owner, change));
    }
    book.bySequence.remove(change);
  }

  /**
   * What a snapshot must hold: the state at a cut made while no write is in progress (every live
   * entry and retained tombstone as a write, and every key not yet expired). {@code atCut} runs at
   * the cut (the file engine starts its next log there). Writes are held out only for the cut; the
   * walk runs alongside them, and a change at or below the cut that leaves its book meanwhile is
   * kept for it ({@link #drop}).
   */
  Snapshot snapshot(Runnable atCut) {
    snapshots.lock();
    try {
      Cut walking;
      long expired;
      gate.writeLock().lock();
      try {
        atCut.run();
        walking = new Cut(sequences.last(), new ConcurrentHashMap<>());
        cut = walking;
        // Read after the cut is published: a purge (which the gate does not hold out) that missed
        // the cut raised it first.
        expired = expiredThrough;
      } finally {
        gate.writeLock().unlock();
      }
      List<Change> all = new ArrayList<>((int) Math.min(Integer.MAX_VALUE, liveCount.get()));
      List<String> owners = new ArrayList<>();
      try {
        Change last = Change.probe(walking.sequence());
        for (Map.Entry<String, Book> book : books.entrySet()) {
          for (Change change : book.getValue().bySequence.headSet(last, true)) {
            all.add(change);
            owners.add(book.getKey());
          }
        }
      } finally {
        cut = null;
      }
      // A change leaving after this copy was in its book throughout the walk: the walk has it.
      Map<Long, OwnedChange> left = new HashMap<>(walking.left());
      if (!left.isEmpty()) {
        withLeft(all, owners, left);
      }
      Instant now = retention.now();
      List<StoredKey> kept =
          keys.values().stream().filter(k -> !Retention.keyExpired(k.createdAt(), now)).toList();
      return new Snapshot(all, owners, kept, walking.sequence(), expired);
    } finally {
      snapshots.unlock();
    }
  }

  /**
   * Adds to a walk the changes that left their books during it, each owner's in sequence order with
   * the walked ones; a change the walk found before it left is kept once.
   */
  private static void withLeft(List<Change> all, List<String> owners, Map<Long, OwnedChange> left) {
    Map<String, List<Change>> byOwner = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      if (!left.containsKey(all.get(i).sequence())) {
        byOwner.computeIfAbsent(owners.get(i), owner -> new ArrayList<>()).add(all.get(i));
      }
    }
    for (OwnedChange change : left.values()) {
      byOwner.computeIfAbsent(change.owner(), owner -> new ArrayList<>()).add(change.change());
    }
    all.clear();
    owners.clear();
    byOwner.forEach(
        (owner, changes) -> {
          changes.sort(SEQUENCE_ORDER);
          all.addAll(changes);
          owners.addAll(Collections.nCopies(changes.size(), owner));
        });
  }

  /**
   * A consistent copy of the index.
   *
   * @param changes every owner's latest change per entry
   * @param owners the owner of each change, at the same index
   * @param keys the idempotency keys not yet expired
   * @param lastSequence the last sequence number handed out
   * @param expiredThrough tombstones up to this number were dropped
   */
  record Snapshot(
      List<Change> changes,
      List<String> owners,
      List<StoredKey> keys,
      long lastSequence,
      long expiredThrough) {}

  /** Runs {@code action} holding the lock named {@code name}; other names go on meanwhile. */
  private <T> T locked(String name, Supplier<T> action) {
    NamedLock lock =
        locks.compute(
            name,
            (key, existing) -> {
              NamedLock held = existing == null ? new NamedLock() : existing;
              held.users++;
              return held;
            });
    lock.lock.lock();
    try {
      return action.get();
    } finally {
      lock.lock.unlock();
      locks.computeIfPresent(name, (key, held) -> --held.users == 0 ? null : held);
    }
  }

  /** Runs {@code action} holding the locks of every name {@code names} gives, in that order. */
  private <T> T lockedAll(Iterator<String> names, Supplier<T> action) {
    if (!names.hasNext()) {
      return action.get();
    }
    String name = names.next();
    return locked(name, () -> lockedAll(names, action));
  }

  /** A lock and how many threads use or wait for it, so that it can be dropped. */
  private static final class NamedLock {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }
}

package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The index's snapshots, taken while writes go on. */
class BookIndexTest {
  private static final List<String> OWNERS = List.of("alice", "bob");
  private static final int IDS_PER_WRITER = 1500;
  private static final int WRITERS = 4;

  private record Key(String owner, String id) {}

  @Test
  void aSnapshotTakenWhileWritesGoOnHoldsExactlyTheStateAtItsCut() throws Exception {
    TestClock clock = new TestClock();
    Queue<Write> journaled = new ConcurrentLinkedQueue<>();
    BookIndex index =
        new BookIndex(
            new Retention(clock, Duration.ofMinutes(9)),
            journaled::addAll,
            json -> {
              throw new IllegalStateException("nothing is replayed");
            });
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> written = new ArrayList<>();
      AtomicInteger[] progress = new AtomicInteger[WRITERS];
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        AtomicInteger writes = progress[w] = new AtomicInteger();
        written.add(writers.submit(() -> write(index, writer, writes, stop)));
      }
      int snapshots = 0;
      int withPurges = 0;
      long lastExpired = 0;
      // Ends on progress, not on time: twenty snapshots at least, every writer past a thousand
      // writes and some tombstones purged, within a minute.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (snapshots < 20
          || withPurges <= 5
          || Arrays.stream(progress).anyMatch(writes -> writes.get() <= 1000)) {
        assertTrue(
            System.nanoTime() < deadline,
            Arrays.toString(progress) + " writes, purges before " + withPurges + " snapshots");
        // Tombstones older than the retention expire, and writers purge them during the walks.
        clock.advance(Duration.ofMinutes(3));
        BookIndex.Snapshot snapshot = index.snapshot(() -> {});
        assertStateAtCut(snapshot, List.copyOf(journaled));
        snapshots++;
        Thread.sleep(20);
        if (snapshot.expiredThrough() > lastExpired) {
          withPurges++;
          lastExpired = snapshot.expiredThrough();
        }
      }
      stop.set(true);
      for (Future<?> writes : written) {
        writes.get();
      }
    } finally {
      stop.set(true);
      writers.shutdownNow();
    }
  }

  /** Inserts, replaces and removes the writer's own entries of each owner until stopped. */
  private static void write(BookIndex index, int writer, AtomicInteger writes, AtomicBoolean stop) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Set<Key> live = new HashSet<>();
    while (!stop.get()) {
      Key key =
          new Key(
              OWNERS.get(random.nextInt(OWNERS.size())),
              "w" + writer + "-" + random.nextInt(IDS_PER_WRITER));
      AddressEntry entry = new AddressEntry("Name " + writes.get(), null, null, null, List.of());
      if (!live.contains(key)) {
        index.insert(key.owner(), key.id(), entry, null);
        live.add(key);
      } else if (random.nextInt(4) == 0) {
        index.remove(key.owner(), key.id(), VersionMatch.any());
        live.remove(key);
      } else {
        index.replace(key.owner(), key.id(), entry, VersionMatch.any());
      }
      writes.incrementAndGet();
      LockSupport.parkNanos(20_000); // a bounded number of writes, every walk among some
    }
  }

  /**
   * Checks a snapshot against every write journaled, replayed up to its cut as the index applies
   * them: it holds each live entry's last write and the tombstones, and nothing else, except
   * tombstones dropped through its {@code expiredThrough}; each owner's changes come in sequence
   * order.
   */
  private static void assertStateAtCut(BookIndex.Snapshot snapshot, List<Write> journaled) {
    long cut = snapshot.lastSequence();
    Map<Key, Write> live = new HashMap<>();
    Map<Long, Write> expected = new HashMap<>();
    journaled.stream()
        .filter(write -> write.sequence() <= cut)
        .sorted(Comparator.comparingLong(Write::sequence))
        .forEach(
            write -> {
              Key key = new Key(write.owner(), write.id());
              Write previous = write.deletion() ? live.remove(key) : live.put(key, write);
              if (previous != null) {
                expected.remove(previous.sequence());
              }
              expected.put(write.sequence(), write);
            });
    Map<String, Long> lastOfOwner = new HashMap<>();
    for (int i = 0; i < snapshot.changes().size(); i++) {
      Change change = snapshot.changes().get(i);
      String owner = snapshot.owners().get(i);
      Write write = expected.remove(change.sequence());
      assertNotNull(write, () -> "the snapshot cut at " + cut + " holds " + change);
      assertEquals(new Key(write.owner(), write.id()), new Key(owner, change.id()));
      assertEquals(write.deletion(), change.deleted());
      assertEquals(write.version(), change.version());
      long previous = lastOfOwner.getOrDefault(owner, 0L);
      assertTrue(change.sequence() > previous, () -> owner + "'s changes out of order");
      lastOfOwner.put(owner, change.sequence());
    }
    for (Write missing : expected.values()) {
      assertTrue(
          missing.deletion() && missing.sequence() <= snapshot.expiredThrough(),
          () -> "the snapshot cut at " + cut + " lacks " + missing);
    }
  }
}

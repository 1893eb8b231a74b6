package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.api.SyncClient;
import io.addrservice.config.AddrServiceConfig;
import io.addrservice.config.TestConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.store.AddressStore;
import io.addrservice.store.LocalWrites;
import io.addrservice.store.Retention;
import io.addrservice.store.TestClock;
import io.addrservice.store.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The change feed's pages, tokens and streams over the memory store. */
class ChangeFeedTest {
  private static final String OWNER = "alice";
  private static final String OTHER = "bob";

  private final TestClock clock = new TestClock();
  private final Retention retention = new Retention(clock, Duration.ofDays(1));
  private final LocalWrites writes = new LocalWrites();
  private final AddressStore store = TestStores.signalling(TestStores.memory(retention), writes);
  private final IdGenerator ids = new IdGenerator();
  private final List<ChangeFeed> feeds = new ArrayList<>();
  private final ChangeFeed feed = feed(Duration.ofSeconds(15), 1000, Duration.ofSeconds(30));

  @AfterEach
  void stopFeeds() {
    feeds.forEach(ChangeFeed::stop);
  }

  private ChangeFeed feed(Duration heartbeat, int buffer, Duration stall) {
    ChangeFeed made =
        new ChangeFeed(store, writes, config(heartbeat, buffer, stall), new SimpleMeterRegistry());
    feeds.add(made);
    return made;
  }

  @Test
  void aFullSyncListsEveryLiveEntryOncePageByPageWithoutOlderDeletions() {
    List<String> made = create(OWNER, 25);
    create(OTHER, 3);
    for (String id : made.subList(0, 5)) {
      store.remove(OWNER, id, VersionMatch.any());
    }
    Map<String, Long> copy = new HashMap<>();
    ChangePage page = feed.page(OWNER, null, "7");
    int pages = 1;
    List<FeedChange> seen = new ArrayList<>(page.changes());
    while (page.more()) {
      page = feed.page(OWNER, page.next(), "7");
      seen.addAll(page.changes());
      pages++;
    }
    for (FeedChange change : seen) {
      assertNull(change.deleted(), "a deletion older than the sync: " + change);
      assertNull(copy.put(change.id(), change.version()), "listed twice: " + change.id());
    }
    assertEquals(book(OWNER), copy);
    assertEquals(4, pages);
    assertTrue(feed.page(OWNER, page.next(), null).changes().isEmpty());
  }

  @Test
  void anIncrementalSyncGivesEachChangedEntryOnceInItsLatestStateAndDeletions() {
    List<String> made = create(OWNER, 4);
    String token = drain(null).next();
    store.replace(OWNER, made.get(0), AddressEntry.named("once"), VersionMatch.any());
    store.replace(OWNER, made.get(0), AddressEntry.named("twice"), VersionMatch.any());
    store.remove(OWNER, made.get(1), VersionMatch.any());
    String added = create(OWNER, 1).get(0);
    create(OTHER, 2);

    ChangePage page = feed.page(OWNER, token, null);
    assertFalse(page.more());
    assertEquals(3, page.changes().size(), page.toString());
    assertEquals(
        FeedChange.live(made.get(0), 3, AddressEntry.named("twice")), page.changes().get(0));
    assertEquals(FeedChange.tombstone(made.get(1), 1), page.changes().get(1));
    assertEquals(added, page.changes().get(2).id());
    assertTrue(feed.page(OWNER, page.next(), null).changes().isEmpty());
  }

  @Test
  void malformedForeignAndOtherBooksTokensAreRefused() {
    create(OWNER, 1);
    String token = feed.page(OWNER, null, null).next();
    for (String bad : List.of("x", "!!!!", token.substring(1), token + "A", "")) {
      if (bad.isEmpty()) {
        continue;
      }
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> feed.page(OWNER, bad, null));
      assertEquals(InvalidRequestException.INVALID_TOKEN, e.getMessage());
      assertEquals(
          List.of(new Violation("since", "is not a change feed token of this service")),
          e.violations());
    }
    InvalidRequestException otherBook =
        assertThrows(InvalidRequestException.class, () -> feed.page(OTHER, token, null));
    assertEquals("is a token of another book", otherBook.violations().get(0).message());

    AddressStore another = TestStores.memory();
    ChangeFeed elsewhere =
        new ChangeFeed(
            another, new LocalWrites(), TestConfig.defaults(), new SimpleMeterRegistry());
    feeds.add(elsewhere);
    InvalidRequestException otherStore =
        assertThrows(InvalidRequestException.class, () -> elsewhere.page(OWNER, token, null));
    assertTrue(otherStore.violations().get(0).message().startsWith("is a token of another store"));
    assertThrows(InvalidRequestException.class, () -> feed.page(OWNER, null, "0"));
  }

  @Test
  void aTokenOlderThanTheKeptDeletionsIsGoneAndAFullSyncStillWorks() {
    List<String> made = create(OWNER, 3);
    String before = drain(null).next();
    store.remove(OWNER, made.get(0), VersionMatch.any());
    String afterDeletion = drain(before).next();
    clock.advance(Duration.ofDays(1).plusMinutes(2));
    // Expired tombstones are dropped at a later write.
    create(OWNER, 1);

    assertThrows(ChangesExpiredException.class, () -> feed.page(OWNER, before, null));
    assertThrows(
        ChangesExpiredException.class, () -> feed.stream(OWNER, before, "since", Runnable::run));
    assertEquals(1, feed.page(OWNER, afterDeletion, null).changes().size());
    Map<String, Long> copy = new HashMap<>();
    for (ChangePage page = feed.page(OWNER, null, "2");
        ;
        page = feed.page(OWNER, page.next(), "2")) {
      page.changes().forEach(change -> copy.put(change.id(), change.version()));
      if (!page.more()) {
        break;
      }
    }
    assertEquals(book(OWNER), copy);
  }

  @Test
  void aStreamStartsWithAFullSyncThenFollowsWritesAndResumesFromAnyEventsToken() throws Exception {
    List<String> made = create(OWNER, 3);
    Events events = new Events(Long.MAX_VALUE);
    feed.stream(OWNER, null, "since", Runnable::run).subscribe(events);
    List<StreamEvent> first = events.take(3);
    assertEquals(made, first.stream().map(event -> event.change().id()).toList());
    assertEquals(1, feed.openStreams());

    store.replace(OWNER, made.get(1), AddressEntry.named("changed"), VersionMatch.any());
    store.remove(OWNER, made.get(2), VersionMatch.any());
    List<StreamEvent> next = events.take(2);
    assertEquals(
        FeedChange.live(made.get(1), 2, AddressEntry.named("changed")), next.get(0).change());
    assertEquals(FeedChange.tombstone(made.get(2), 1), next.get(1).change());

    // Resuming from the first event's token: what changed after it, each entry once.
    Events resumed = new Events(Long.MAX_VALUE);
    feed.stream(OWNER, first.get(0).token(), "Last-Event-ID", Runnable::run).subscribe(resumed);
    List<StreamEvent> again = resumed.take(2);
    assertEquals(next.get(0).change(), again.get(0).change());
    assertEquals(next.get(1).change(), again.get(1).change());
    assertEquals(next.get(1).token(), again.get(1).token());

    events.subscription.cancel();
    resumed.subscription.cancel();
    assertEquals(0, feed.openStreams());
  }

  @Test
  void aQuietStreamGetsHeartbeats() throws Exception {
    ChangeFeed quick = feed(Duration.ofMillis(100), 1000, Duration.ofSeconds(30));
    Events events = new Events(Long.MAX_VALUE);
    quick.stream(OWNER, null, "since", Runnable::run).subscribe(events);
    assertEquals(StreamEvent.Kind.HEARTBEAT, events.next().kind());
    events.subscription.cancel();
  }

  @Test
  void aClientThatTakesNothingIsDroppedWithAResumeEventNamingItsLastToken() throws Exception {
    ChangeFeed strict = feed(Duration.ofMillis(50), 4, Duration.ofMillis(200));
    create(OWNER, 10);
    Events events = new Events(2);
    ChangeStream stream = (ChangeStream) strict.stream(OWNER, null, "since", Runnable::run);
    stream.subscribe(events);
    List<StreamEvent> taken = events.take(2);
    // It takes nothing more while events wait: dropped after the stall timeout.
    assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> !stream.open()), "never dropped");
    events.subscription.request(10);
    StreamEvent last = events.take(1).get(0);
    assertEquals(StreamEvent.Kind.RESUME, last.kind());
    assertEquals(taken.get(1).token(), last.token());
    assertTrue(events.completed.await(5, TimeUnit.SECONDS));
    assertEquals(0, strict.openStreams());

    // Resuming there gives the rest, once each.
    Events resumed = new Events(Long.MAX_VALUE);
    strict.stream(OWNER, last.token(), "Last-Event-ID", Runnable::run).subscribe(resumed);
    List<StreamEvent> rest = resumed.take(8);
    assertEquals(10, 2 + rest.stream().map(e -> e.change().id()).distinct().count());
    assertNotEquals(taken.get(0).change().id(), rest.get(0).change().id());
    resumed.subscription.cancel();
  }

  @Test
  void aStreamLeftBehindTheKeptDeletionsEndsWithAnExpiredEvent() throws Exception {
    ChangeFeed small = feed(Duration.ofSeconds(15), 2, Duration.ofSeconds(30));
    List<String> made = create(OWNER, 4);
    Events events = new Events(0);
    ChangeStream stream = (ChangeStream) small.stream(OWNER, null, "since", Runnable::run);
    stream.subscribe(events);
    // The stream holds two events its client has not taken, and reads no further.
    assertTrue(SyncClient.await(Duration.ofSeconds(10), () -> stream.room() == 0), "never full");
    store.remove(OWNER, made.get(2), VersionMatch.any());
    clock.advance(Duration.ofDays(1).plusMinutes(2));
    create(OWNER, 1);
    events.subscription.request(10);
    List<StreamEvent> taken = events.take(3);
    assertEquals(
        made.subList(0, 2), List.of(taken.get(0).change().id(), taken.get(1).change().id()));
    assertEquals(StreamEvent.Kind.EXPIRED, taken.get(2).kind());
    assertTrue(events.completed.await(5, TimeUnit.SECONDS));
    assertEquals(0, small.openStreams());
  }

  @Test
  void atShutdownEveryStreamEndsWithAResumeEventAndNewOnesEndAtOnce() throws Exception {
    ChangeFeed stopping = feed(Duration.ofSeconds(15), 10, Duration.ofSeconds(30));
    create(OWNER, 1);
    Events events = new Events(Long.MAX_VALUE);
    stopping.stream(OWNER, null, "since", Runnable::run).subscribe(events);
    StreamEvent first = events.take(1).get(0);
    stopping.stop();
    StreamEvent last = events.take(1).get(0);
    assertEquals(StreamEvent.Kind.RESUME, last.kind());
    assertEquals(first.token(), last.token());
    assertTrue(events.completed.await(5, TimeUnit.SECONDS));

    Events late = new Events(Long.MAX_VALUE);
    stopping.stream(OWNER, first.token(), "since", Runnable::run).subscribe(late);
    assertEquals(StreamEvent.Kind.RESUME, late.take(1).get(0).kind());
    assertTrue(late.completed.await(5, TimeUnit.SECONDS));
  }

  @Test
  void aSlowClientIsServedAtItsOwnPaceWithABoundedBuffer() throws Exception {
    ChangeFeed small = feed(Duration.ofSeconds(15), 4, Duration.ofSeconds(30));
    List<String> made = create(OWNER, 50);
    Events events = new Events(1);
    small.stream(OWNER, null, "since", Runnable::run).subscribe(events);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      seen.add(events.take(1).get(0).change().id());
      events.subscription.request(1);
    }
    assertEquals(made, seen);
    events.subscription.cancel();
  }

  // ---- helpers ----

  private ChangePage drain(String since) {
    ChangePage page = feed.page(OWNER, since, null);
    while (page.more()) {
      page = feed.page(OWNER, page.next(), null);
    }
    return page;
  }

  private List<String> create(String owner, int count) {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = ids.next();
      store.insert(owner, id, AddressEntry.named("entry " + i), null);
      made.add(id);
    }
    return made;
  }

  private Map<String, Long> book(String owner) {
    Map<String, Long> versions = new HashMap<>();
    store.list(owner, null, 10_000, null).forEach(e -> versions.put(e.id(), e.version()));
    return versions;
  }

  private static AddrServiceConfig config(Duration heartbeat, int buffer, Duration stall) {
    AddrServiceConfig base = TestConfig.defaults();
    AddrServiceConfig.Changes changes =
        new AddrServiceConfig.Changes() {
          @Override
          public Duration retention() {
            return Duration.ofDays(1);
          }

          @Override
          public Duration heartbeat() {
            return heartbeat;
          }

          @Override
          public Duration pollInterval() {
            return Duration.ofSeconds(1);
          }

          @Override
          public int streamBuffer() {
            return buffer;
          }

          @Override
          public Duration stallTimeout() {
            return stall;
          }
        };
    return (AddrServiceConfig)
        Proxy.newProxyInstance(
            AddrServiceConfig.class.getClassLoader(),
            new Class<?>[] {AddrServiceConfig.class},
            (proxy, method, args) ->
                method.getName().equals("changes") ? changes : method.invoke(base, args));
  }

  /** A subscriber that asks for {@code initial} events and keeps what comes. */
  private static final class Events implements Flow.Subscriber<StreamEvent> {
    private final long initial;
    private final BlockingQueue<StreamEvent> received = new LinkedBlockingQueue<>();
    final CountDownLatch completed = new CountDownLatch(1);
    Flow.Subscription subscription;

    Events(long initial) {
      this.initial = initial;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (initial > 0) {
        subscription.request(initial);
      }
    }

    @Override
    public void onNext(StreamEvent item) {
      received.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
      throwable.printStackTrace();
    }

    @Override
    public void onComplete() {
      completed.countDown();
    }

    /** The next {@code count} events that are not heartbeats. */
    List<StreamEvent> take(int count) throws InterruptedException {
      List<StreamEvent> taken = new ArrayList<>();
      while (taken.size() < count) {
        StreamEvent event = next();
        if (event.kind() != StreamEvent.Kind.HEARTBEAT) {
          taken.add(event);
        }
      }
      return taken;
    }

    /** The next event, whatever its kind. */
    StreamEvent next() throws InterruptedException {
      StreamEvent event = received.poll(10, TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError("no event within 10 s");
      }
      return event;
    }
  }
}

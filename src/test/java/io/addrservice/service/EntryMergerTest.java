package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.config.TestConfig;
import io.addrservice.model.Address;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.Kind;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.store.AddressStore;
import io.addrservice.store.Change;
import io.addrservice.store.TestStores;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The folding rules, the merge's conditions and concurrent merges over overlapping entries. */
class EntryMergerTest {
  private static final String OWNER = "ann";
  private static final ObjectMapper JSON = JsonMapping.newMapper();

  private final AddressStore store = TestStores.memory();
  private final AddressBookService book =
      new AddressBookService(store, new IdGenerator(), TestConfig.defaults());
  private final EntryMerger merger = new EntryMerger(store, new EntryValidator(JSON), JSON);

  private static Phone phone(Kind kind, String country, String area, String local) {
    return new Phone(
        kind,
        new BigDecimal(country),
        area == null ? null : new BigDecimal(area),
        new BigDecimal(local));
  }

  private static Address address(Kind kind, String street, NumberOrString pincode) {
    return new Address(kind, null, null, null, street, null, null, null, pincode, "IN");
  }

  private static JsonNode from(String... ids) {
    return JSON.valueToTree(java.util.Map.of("from", List.of(ids)));
  }

  @Test
  void theTargetsItemsComeFirstAndEqualItemsOnce() {
    AddressEntry target =
        new AddressEntry(
            "Ann",
            List.of(address(Kind.HOME, "MG Road", NumberOrString.of("560001"))),
            List.of(phone(Kind.HOME, "91", "80", "1234")),
            List.of(),
            List.of(new Email(Kind.HOME, "Ann@Example.org")));
    AddressEntry first =
        new AddressEntry(
            "Annie",
            List.of(
                address(Kind.WORK, "MG Road", NumberOrString.of(new BigDecimal("560001"))),
                address(Kind.WORK, "Brigade Road", NumberOrString.of("560001"))),
            List.of(phone(Kind.WORK, "91.0", "080", "1234"), phone(Kind.WORK, "91", null, "1234")),
            List.of(phone(Kind.WORK, "91", "80", "1234")),
            List.of(new Email(Kind.WORK, "ann@example.ORG"), new Email(Kind.WORK, "a@work.in")));
    AddressEntry second =
        new AddressEntry(
            "A.",
            null,
            null,
            null,
            List.of(new Email(Kind.HOME, "A@WORK.IN"), new Email(Kind.HOME, "z@home.in")));

    AddressEntry folded = EntryMerger.fold(target, List.of(first, second));

    assertEquals(
        new AddressEntry(
            "Ann",
            List.of(
                address(Kind.HOME, "MG Road", NumberOrString.of("560001")),
                address(Kind.WORK, "Brigade Road", NumberOrString.of("560001"))),
            List.of(phone(Kind.HOME, "91", "80", "1234"), phone(Kind.WORK, "91", null, "1234")),
            List.of(phone(Kind.WORK, "91", "80", "1234")),
            List.of(
                new Email(Kind.HOME, "Ann@Example.org"),
                new Email(Kind.WORK, "a@work.in"),
                new Email(Kind.HOME, "z@home.in"))),
        folded);
  }

  @Test
  void aMergeAnswersTheMergedEntryAndTheChangeFeedShowsOneUpdateAndTheDeletions() {
    String a = book.create(OWNER, AddressEntry.named("Ann"), null).id();
    String b = book.create(OWNER, AddressEntry.named("Annie"), null).id();
    String c = book.create(OWNER, AddressEntry.named("A."), null).id();
    long before = store.changes(OWNER, 0, 100).horizon();

    VersionedEntry merged = merger.merge(OWNER, a, from(c, b), VersionMatch.oneOf(Set.of(1L)));

    assertEquals(new VersionedEntry(a, 2, AddressEntry.named("Ann")), merged);
    List<Change> feed = store.changes(OWNER, before, 100).changes();
    assertEquals(List.of(a, c, b), feed.stream().map(Change::id).toList());
    assertEquals(List.of(false, true, true), feed.stream().map(Change::deleted).toList());
    assertEquals(1, book.count());
  }

  @Test
  void conditionsAndUnknownIdsRefuseTheWholeMerge() {
    String a = book.create(OWNER, AddressEntry.named("Ann"), null).id();
    String b = book.create(OWNER, AddressEntry.named("Annie"), null).id();
    String other = book.create("ben", AddressEntry.named("Ben"), null).id();
    assertEquals(
        other,
        assertThrows(
                EntryNotFoundException.class,
                () -> merger.merge(OWNER, a, from(b, other), VersionMatch.any()))
            .id());
    assertEquals(
        "nope",
        assertThrows(
                EntryNotFoundException.class,
                () -> merger.merge(OWNER, a, from(b, "nope"), VersionMatch.any()))
            .id());
    assertThrows(
        VersionMismatchException.class,
        () -> merger.merge(OWNER, a, from(b), VersionMatch.oneOf(Set.of(2L))));
    JsonNode stale =
        JSON.valueToTree(
            java.util.Map.of("from", List.of(java.util.Map.of("id", b, "version", 2))));
    assertEquals(
        b,
        assertThrows(
                SourceChangedException.class,
                () -> merger.merge(OWNER, a, stale, VersionMatch.any()))
            .id());
    assertEquals(2, book.list(OWNER, null, null, null).entries().size());
    assertEquals(1, book.get(OWNER, a).version());
    assertEquals(1, book.get(OWNER, b).version());
  }

  @Test
  void concurrentMergesOverOverlappingEntriesLoseNothingAndMergeNothingTwice() throws Exception {
    int entries = 30;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      ids.add(
          book.create(
                  OWNER,
                  new AddressEntry(
                      "P" + i,
                      null,
                      List.of(phone(Kind.HOME, "1", null, String.valueOf(100 + i))),
                      null,
                      List.of(new Email(Kind.HOME, "p" + i + "@x.example"))),
                  null)
              .id());
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<String> mergedAway = Collections.synchronizedList(new ArrayList<>());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(t);
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int round = 0; round < 30; round++) {
                    String target = ids.get(random.nextInt(entries));
                    TreeSet<String> sources = new TreeSet<>();
                    for (int k = 1 + random.nextInt(3); k > 0; k--) {
                      sources.add(ids.get(random.nextInt(entries)));
                    }
                    sources.remove(target);
                    if (sources.isEmpty()) {
                      continue;
                    }
                    try {
                      merger.merge(
                          OWNER, target, from(sources.toArray(String[]::new)), VersionMatch.any());
                      mergedAway.addAll(sources);
                    } catch (EntryNotFoundException gone) {
                      // Another merge took the target or a source first: nothing was written.
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> emails = new ArrayList<>();
    List<BigDecimal> numbers = new ArrayList<>();
    for (VersionedEntry live : book.list(OWNER, null, "1000", null).entries()) {
      live.entry().emails().forEach(e -> emails.add(e.email()));
      live.entry().phoneNumbers().forEach(p -> numbers.add(p.localNumber()));
    }
    assertEquals(entries, emails.size(), "every e-mail exactly once: " + emails);
    assertEquals(entries, new TreeSet<>(emails).size(), emails.toString());
    assertEquals(entries, new TreeSet<>(numbers).size(), numbers.toString());
    assertEquals(
        mergedAway.size(), new TreeSet<>(mergedAway).size(), "merged twice: " + mergedAway);
    assertEquals(entries - mergedAway.size(), book.count());
    assertTrue(!mergedAway.isEmpty());
  }
}

package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.Kind;
import io.addrservice.model.Owners;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.EntryValidator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AddressStore} engine keeps. Each engine's test extends this class and
 * says how to open a fresh, empty store.
 */
public abstract class AddressStoreContractTest {
  /** Ids in ascending order, shaped like the service's own. */
  protected static final String ID_1 = "00000000000070008000000000000001";

  protected static final String ID_2 = "00000000000070008000000000000002";
  protected static final String ID_3 = "00000000000070008000000000000003";
  protected static final String ID_4 = "00000000000070008000000000000004";

  /** The book most tests use, and another one that must never see it. */
  protected static final String OWNER = "ann";

  protected static final String OTHER = "ben";

  protected AddressStore store;

  /** The stores' clock: tests move it to expire keys and tombstones. */
  protected final TestClock clock = new TestClock();

  /** What the stores keep and for how long. */
  protected final Retention retention = new Retention(clock, Duration.ofDays(30));

  /** A fresh, empty store of the engine under test, keeping things for {@code retention}. */
  protected abstract AddressStore openEmptyStore(Retention retention) throws Exception;

  /** Releases what {@link #openEmptyStore} took (files, connections). */
  protected void closeStore(AddressStore store) throws Exception {}

  @BeforeEach
  void open() throws Exception {
    store = openEmptyStore(retention);
  }

  @AfterEach
  void close() throws Exception {
    closeStore(store);
  }

  protected static AddressEntry entry(String name, String... emails) {
    List<Email> list = new ArrayList<>();
    for (String email : emails) {
      list.add(new Email(Kind.HOME, email));
    }
    return new AddressEntry(name, null, null, null, list);
  }

  @Test
  void insertStartsAtVersionOneAndFindReturnsIt() {
    VersionedEntry created = store.insert(OWNER, ID_1, entry("Ada"), null).created();
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), created);
    assertEquals(created, store.find(OWNER, ID_1).orElseThrow());
    assertEquals(1, store.count());
  }

  @Test
  void findUnknownIsEmpty() {
    assertTrue(store.find(OWNER, ID_1).isEmpty());
  }

  @Test
  void insertOfAnIdInUseIsRefused() {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    assertThrows(RuntimeException.class, () -> store.insert(OWNER, ID_1, entry("Bob"), null));
    assertEquals("Ada", store.find(OWNER, ID_1).orElseThrow().entry().fullName());
  }

  @Test
  void unconditionalReplaceBumpsTheVersion() {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    WriteResult result = store.replace(OWNER, ID_1, entry("Ada Lovelace"), VersionMatch.any());
    assertEquals(WriteResult.Status.WRITTEN, result.status());
    assertEquals(2, result.entry().version());
    assertEquals(result.entry(), store.find(OWNER, ID_1).orElseThrow());
  }

  @Test
  void replaceWithTheCurrentVersionWrites() {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    WriteResult result = store.replace(OWNER, ID_1, entry("B"), VersionMatch.oneOf(Set.of(1L)));
    assertEquals(WriteResult.Status.WRITTEN, result.status());
    assertEquals(new VersionedEntry(ID_1, 2, entry("B")), store.find(OWNER, ID_1).orElseThrow());
  }

  @Test
  void replaceWithAStaleVersionChangesNothing() {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    store.replace(OWNER, ID_1, entry("B"), VersionMatch.any());
    WriteResult result = store.replace(OWNER, ID_1, entry("C"), VersionMatch.oneOf(Set.of(1L, 7L)));
    assertEquals(WriteResult.Status.VERSION_MISMATCH, result.status());
    assertEquals(2, result.currentVersion());
    assertNull(result.entry());
    assertEquals(new VersionedEntry(ID_1, 2, entry("B")), store.find(OWNER, ID_1).orElseThrow());
  }

  @Test
  void aBatchInsertsReplacesAndNamesTheReplacedIdsThatDoNotExist() {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    Map<String, AddressEntry> inserts = new LinkedHashMap<>();
    inserts.put(ID_3, entry("Cy"));
    inserts.put(ID_2, entry("Bo"));
    Map<String, AddressEntry> replaces = new LinkedHashMap<>();
    replaces.put(ID_1, entry("Ada Lovelace"));
    replaces.put(ID_4, entry("Nobody"));
    assertEquals(Set.of(ID_4), store.writeBatch(OWNER, inserts, replaces));
    assertEquals(
        List.of(
            new VersionedEntry(ID_1, 2, entry("Ada Lovelace")),
            new VersionedEntry(ID_2, 1, entry("Bo")),
            new VersionedEntry(ID_3, 1, entry("Cy"))),
        store.list(OWNER, null, 10, null));
    assertEquals(3, store.count());
    assertTrue(store.list(OTHER, null, 10, null).isEmpty());
    List<Change> changes = store.changes(OWNER, 0, 10).changes();
    assertEquals(List.of(ID_3, ID_2, ID_1), changes.stream().map(Change::id).toList());
  }

  @Test
  void replaceOfUnknownIsNotFoundAndCreatesNothing() {
    WriteResult result = store.replace(OWNER, ID_1, entry("Ada"), VersionMatch.any());
    assertEquals(WriteResult.Status.NOT_FOUND, result.status());
    assertTrue(store.find(OWNER, ID_1).isEmpty());
    assertEquals(0, store.count());
  }

  @Test
  void removeWithTheCurrentVersionRemoves() {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    WriteResult result = store.remove(OWNER, ID_1, VersionMatch.oneOf(Set.of(1L)));
    assertEquals(WriteResult.Status.WRITTEN, result.status());
    assertTrue(store.find(OWNER, ID_1).isEmpty());
    assertEquals(0, store.count());
  }

  @Test
  void removeWithAStaleVersionKeepsTheEntry() {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    WriteResult result = store.remove(OWNER, ID_1, VersionMatch.oneOf(Set.of()));
    assertEquals(WriteResult.Status.VERSION_MISMATCH, result.status());
    assertEquals(1, result.currentVersion());
    assertTrue(store.find(OWNER, ID_1).isPresent());
  }

  @Test
  void removeOfUnknownIsNotFound() {
    assertEquals(
        WriteResult.Status.NOT_FOUND, store.remove(OWNER, ID_1, VersionMatch.any()).status());
    store.insert(OWNER, ID_1, entry("Ada"), null);
    store.remove(OWNER, ID_1, VersionMatch.any());
    assertEquals(
        WriteResult.Status.NOT_FOUND, store.remove(OWNER, ID_1, VersionMatch.any()).status());
  }

  @Test
  void listIsInIdOrderWhateverTheInsertOrder() {
    store.insert(OWNER, ID_3, entry("C"), null);
    store.insert(OWNER, ID_1, entry("A"), null);
    store.insert(OWNER, ID_2, entry("B"), null);
    assertEquals(List.of(ID_1, ID_2, ID_3), ids(store.list(OWNER, null, 10, null)));
  }

  @Test
  void listPagesByKeyset() {
    store.insert(OWNER, ID_1, entry("A"), null);
    store.insert(OWNER, ID_2, entry("B"), null);
    store.insert(OWNER, ID_3, entry("C"), null);
    store.insert(OWNER, ID_4, entry("D"), null);
    assertEquals(List.of(ID_1, ID_2), ids(store.list(OWNER, null, 2, null)));
    assertEquals(List.of(ID_3, ID_4), ids(store.list(OWNER, ID_2, 2, null)));
    assertEquals(List.of(), ids(store.list(OWNER, ID_4, 2, null)));
  }

  @Test
  void listAfterADeletedIdContinuesAfterIt() {
    store.insert(OWNER, ID_1, entry("A"), null);
    store.insert(OWNER, ID_2, entry("B"), null);
    store.insert(OWNER, ID_3, entry("C"), null);
    store.remove(OWNER, ID_2, VersionMatch.any());
    assertEquals(List.of(ID_3), ids(store.list(OWNER, ID_2, 10, null)));
  }

  @Test
  void listReturnsCurrentVersions() {
    store.insert(OWNER, ID_1, entry("A"), null);
    store.replace(OWNER, ID_1, entry("A2"), VersionMatch.any());
    VersionedEntry listed = store.list(OWNER, null, 10, null).get(0);
    assertEquals(new VersionedEntry(ID_1, 2, entry("A2")), listed);
  }

  @Test
  void searchMatchesNameOrEmailIgnoringCase() {
    store.insert(OWNER, ID_1, entry("Ada Lovelace", "ada@example.org"), null);
    store.insert(OWNER, ID_2, entry("Bob", "bob@LOVELACE.example"), null);
    store.insert(OWNER, ID_3, entry("Carol", "carol@example.org"), null);
    assertEquals(List.of(ID_1, ID_2), ids(store.list(OWNER, null, 10, "loveLACE")));
    assertEquals(List.of(ID_3), ids(store.list(OWNER, null, 10, "CAROL@")));
    assertEquals(List.of(), ids(store.list(OWNER, null, 10, "nobody")));
  }

  @Test
  void searchCombinesWithPaging() {
    store.insert(OWNER, ID_1, entry("Ann One"), null);
    store.insert(OWNER, ID_2, entry("Bob"), null);
    store.insert(OWNER, ID_3, entry("Ann Three"), null);
    store.insert(OWNER, ID_4, entry("Ann Four"), null);
    assertEquals(List.of(ID_1, ID_3), ids(store.list(OWNER, null, 2, "ann")));
    assertEquals(List.of(ID_4), ids(store.list(OWNER, ID_3, 2, "ann")));
  }

  @Test
  void searchTreatsPatternCharactersLiterally() {
    store.insert(OWNER, ID_1, entry("100% O'Brien_x"), null);
    store.insert(OWNER, ID_2, entry("Plain"), null);
    assertEquals(List.of(ID_1), ids(store.list(OWNER, null, 10, "0% o'b")));
    assertEquals(List.of(ID_1), ids(store.list(OWNER, null, 10, "%")));
    assertEquals(List.of(ID_1), ids(store.list(OWNER, null, 10, "_")));
    assertEquals(List.of(), ids(store.list(OWNER, null, 10, "\\")));
    assertEquals(List.of(), ids(store.list(OWNER, null, 10, "'; DROP TABLE entries; --")));
    assertEquals(2, store.count());
  }

  @Test
  void unicodeSurvives() {
    AddressEntry unicode = entry("Zoë 山田 🌍", "zoë@例え.jp");
    store.insert(OWNER, ID_1, unicode, null);
    assertEquals(unicode, store.find(OWNER, ID_1).orElseThrow().entry());
  }

  /**
   * The store as it reads entries back from its storage. Engines that answer from memory (the file
   * store) override this to reopen, so that what was written is read again.
   */
  protected AddressStore reread() {
    return store;
  }

  @Test
  void theIdentityIsAUuidThatStaysWhenTheStoreIsReadAgain() {
    String identity = store.identity();
    assertEquals(identity, java.util.UUID.fromString(identity).toString());
    store.insert(OWNER, ID_1, entry("Ada"), null);
    assertEquals(identity, reread().identity());
  }

  @Test
  void numbersAtTheDigitLimitAreReadBack() throws Exception {
    // The longest numbers the validator admits: 1000 digits on each side of the point, written
    // as 2002 characters, and 1e999, written as a sign and 1000 digits.
    String digits = "9".repeat(JsonMapping.MAX_DIGITS);
    AddressEntry longest =
        new AddressEntry(
            "Long",
            null,
            List.of(
                new Phone(
                    Kind.HOME,
                    new BigDecimal("-1e999"),
                    new BigDecimal("0." + "0".repeat(JsonMapping.MAX_DIGITS - 1) + "1"),
                    new BigDecimal("-" + digits + "." + digits))),
            null,
            null);
    store.insert(OWNER, ID_1, longest, null);
    ObjectMapper json = JsonMapping.newMapper();
    assertEquals(
        json.writeValueAsString(longest),
        json.writeValueAsString(reread().find(OWNER, ID_1).orElseThrow().entry()));
  }

  /** Numbers at and near every edge of the validator's rule, each of which it accepts. */
  private static final List<String> EDGE_NUMBERS =
      List.of(
          "0",
          "-0",
          "-0.0",
          "0e-1000",
          "1e999",
          "-9.999e999",
          "1e-1000",
          "-1.5e-999",
          "12345678901234567890e980",
          "0.000000000000000000001e-979",
          "9".repeat(JsonMapping.MAX_DIGITS),
          "-" + "9".repeat(JsonMapping.MAX_DIGITS) + "." + "9".repeat(JsonMapping.MAX_DIGITS),
          "1E+999",
          "4.9e-324",
          "1.7976931348623157e308");

  @Test
  void everyNumberTheValidatorAcceptsIsReadBackAloneAndInListingsAndSearch() throws Exception {
    ObjectMapper json = JsonMapping.newMapper();
    EntryValidator validator = new EntryValidator(json);
    List<String> written = new ArrayList<>();
    for (int i = 0; i < EDGE_NUMBERS.size(); i++) {
      AddressEntry accepted =
          validator.toEntry(
              json.readTree(
                  "{\"full_name\": \"edge\", \"phone_numbers\": [{\"kind\": \"home\","
                      + " \"country_code\": "
                      + EDGE_NUMBERS.get(i)
                      + ", \"local_number\": 1}]}"));
      String id = String.format("0000000000007000800000000000%04d", i);
      store.insert(OWNER, id, accepted, null);
      written.add(json.writeValueAsString(accepted));
    }
    AddressStore back = reread();
    List<String> alone = new ArrayList<>();
    for (int i = 0; i < EDGE_NUMBERS.size(); i++) {
      String id = String.format("0000000000007000800000000000%04d", i);
      alone.add(json.writeValueAsString(back.find(OWNER, id).orElseThrow().entry()));
    }
    assertEquals(written, alone);
    assertEquals(written, serialised(json, back.list(OWNER, null, EDGE_NUMBERS.size(), null)));
    assertEquals(written, serialised(json, back.list(OWNER, null, EDGE_NUMBERS.size(), "EDG")));
  }

  private static List<String> serialised(ObjectMapper json, List<VersionedEntry> entries)
      throws Exception {
    List<String> out = new ArrayList<>();
    for (VersionedEntry entry : entries) {
      out.add(json.writeValueAsString(entry.entry()));
    }
    return out;
  }

  @Test
  void concurrentConditionalWritesLoseNoUpdate() throws Exception {
    store.insert(OWNER, ID_1, entry("start"), null);
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<WriteResult>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String name = "writer " + i;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.replace(OWNER, ID_1, entry(name), VersionMatch.oneOf(Set.of(1L)));
                }));
      }
      go.countDown();
      int written = 0;
      String winner = null;
      for (Future<WriteResult> result : results) {
        WriteResult r = result.get(30, TimeUnit.SECONDS);
        if (r.status() == WriteResult.Status.WRITTEN) {
          written++;
          winner = r.entry().entry().fullName();
        } else {
          assertEquals(WriteResult.Status.VERSION_MISMATCH, r.status());
        }
      }
      assertEquals(1, written);
      VersionedEntry stored = store.find(OWNER, ID_1).orElseThrow();
      assertEquals(2, stored.version());
      assertEquals(winner, stored.entry().fullName());
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- owners ----

  @Test
  void anotherOwnersEntryIsExactlyLikeAnUnknownOne() {
    store.insert(OWNER, ID_1, entry("Ada", "ada@example.org"), null);
    store.insert(OTHER, ID_2, entry("Ada Other", "ada@other.example"), null);

    assertTrue(store.find(OTHER, ID_1).isEmpty());
    assertEquals(
        WriteResult.notFound(),
        store.replace(OTHER, ID_1, entry("Taken"), VersionMatch.oneOf(Set.of(1L))));
    assertEquals(
        WriteResult.notFound(), store.replace(OTHER, ID_1, entry("T"), VersionMatch.any()));
    assertEquals(WriteResult.notFound(), store.remove(OTHER, ID_1, VersionMatch.any()));
    assertEquals(List.of(ID_2), ids(store.list(OTHER, null, 10, null)));
    assertEquals(List.of(ID_2), ids(store.list(OTHER, null, 10, "ada")));
    assertEquals(List.of(ID_1), ids(store.list(OWNER, null, 10, "ada")));
    assertEquals(List.of(), ids(store.list(OWNER, ID_1, 10, null)));
    assertEquals(
        new VersionedEntry(ID_1, 1, entry("Ada", "ada@example.org")),
        store.find(OWNER, ID_1).orElseThrow());
    assertEquals(2, store.count());
  }

  @Test
  void theSharedBookIsABookLikeAnyOther() {
    store.insert(Owners.SHARED_BOOK, ID_1, entry("Shared"), null);
    store.insert(OWNER, ID_2, entry("Own"), null);
    assertEquals(List.of(ID_1), ids(store.list(Owners.SHARED_BOOK, null, 10, null)));
    assertTrue(store.find(OWNER, ID_1).isEmpty());
    assertTrue(store.find(Owners.SHARED_BOOK, ID_2).isEmpty());
  }

  // ---- idempotency keys ----

  @Test
  void aKeyUsedBeforeReturnsItsFirstUseAndStoresNothing() {
    Insertion first = store.insert(OWNER, ID_1, entry("Ada"), new IdempotencyKey("k1", "fp-a"));
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), first.created());

    Insertion retry = store.insert(OWNER, ID_2, entry("Ada"), new IdempotencyKey("k1", "fp-a"));
    assertEquals(Insertion.earlier(ID_1, "fp-a"), retry);
    Insertion reuse = store.insert(OWNER, ID_3, entry("Bob"), new IdempotencyKey("k1", "fp-b"));
    assertEquals(Insertion.earlier(ID_1, "fp-a"), reuse);

    assertTrue(store.find(OWNER, ID_2).isEmpty());
    assertTrue(store.find(OWNER, ID_3).isEmpty());
    assertEquals(1, store.count());
  }

  @Test
  void aKeyOutlivesChangesToItsEntryAndIsPerOwner() {
    store.insert(OWNER, ID_1, entry("Ada"), new IdempotencyKey("k1", "fp-a"));
    store.replace(OWNER, ID_1, entry("Ada 2"), VersionMatch.any());
    assertEquals(
        Insertion.earlier(ID_1, "fp-a"),
        store.insert(OWNER, ID_2, entry("Ada"), new IdempotencyKey("k1", "fp-a")));
    store.remove(OWNER, ID_1, VersionMatch.any());
    assertEquals(
        Insertion.earlier(ID_1, "fp-a"),
        store.insert(OWNER, ID_2, entry("Ada"), new IdempotencyKey("k1", "fp-a")));

    Insertion otherOwner =
        store.insert(OTHER, ID_3, entry("Ada"), new IdempotencyKey("k1", "fp-a"));
    assertEquals(new VersionedEntry(ID_3, 1, entry("Ada")), otherOwner.created());
  }

  @Test
  void aKeyIsForgottenAfterADay() {
    store.insert(OWNER, ID_1, entry("Ada"), new IdempotencyKey("k1", "fp-a"));
    clock.advance(Retention.IDEMPOTENCY_KEYS.minusSeconds(1));
    assertEquals(
        Insertion.earlier(ID_1, "fp-a"),
        store.insert(OWNER, ID_2, entry("Ada"), new IdempotencyKey("k1", "fp-a")));
    clock.advance(Duration.ofSeconds(1));
    Insertion again = store.insert(OWNER, ID_2, entry("Ada"), new IdempotencyKey("k1", "fp-b"));
    assertEquals(new VersionedEntry(ID_2, 1, entry("Ada")), again.created());
    assertEquals(
        Insertion.earlier(ID_2, "fp-b"),
        store.insert(OWNER, ID_3, entry("Ada"), new IdempotencyKey("k1", "fp-b")));
  }

  @Test
  void concurrentCreatesWithOneKeyMakeOneEntry() throws Exception {
    int writers = 12;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Insertion>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String id = String.format("000000000000700080000000000001%02x", i);
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.insert(OWNER, id, entry("Ada"), new IdempotencyKey("k", "fp"));
                }));
      }
      go.countDown();
      List<String> created = new ArrayList<>();
      List<String> earlier = new ArrayList<>();
      for (Future<Insertion> result : results) {
        Insertion done = result.get(30, TimeUnit.SECONDS);
        if (done.created() != null) {
          created.add(done.created().id());
        } else {
          earlier.add(done.earlierId());
        }
      }
      assertEquals(1, created.size(), "created: " + created);
      assertEquals(writers - 1, earlier.size());
      assertTrue(earlier.stream().allMatch(created.get(0)::equals), earlier.toString());
      assertEquals(1, store.count());
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- sequence numbers, tombstones and changes ----

  @Test
  void changesListEachEntryOnceInItsLatestStateInSequenceOrder() {
    store.insert(OWNER, ID_1, entry("A"), null);
    store.insert(OWNER, ID_2, entry("B"), null);
    store.insert(OTHER, ID_3, entry("C"), null);
    store.replace(OWNER, ID_1, entry("A2"), VersionMatch.any());
    store.insert(OWNER, ID_4, entry("D"), null);
    store.remove(OWNER, ID_2, VersionMatch.any());

    ChangeBatch all = changes(OWNER, 0, 100);
    List<Change> changes = all.changes();
    assertEquals(List.of(ID_1, ID_4, ID_2), changes.stream().map(Change::id).toList());
    assertEquals(new VersionedEntry(ID_1, 2, entry("A2")), changes.get(0).entry());
    assertEquals(new VersionedEntry(ID_4, 1, entry("D")), changes.get(1).entry());
    assertTrue(changes.get(2).deleted());
    assertEquals(1, changes.get(2).version());
    assertTrue(changes.get(0).sequence() < changes.get(1).sequence());
    assertTrue(changes.get(1).sequence() < changes.get(2).sequence());
    assertTrue(all.horizon() >= changes.get(2).sequence());
    assertEquals(0, all.expiredThrough());

    assertEquals(
        List.of(ID_4, ID_2),
        changes(OWNER, changes.get(0).sequence(), 100).changes().stream().map(Change::id).toList());
    assertEquals(List.of(ID_1), changes(OWNER, 0, 1).changes().stream().map(Change::id).toList());
    assertEquals(List.of(), changes(OWNER, all.horizon(), 100).changes());
    assertEquals(List.of(ID_3), changes(OTHER, 0, 100).changes().stream().map(Change::id).toList());
  }

  @Test
  void everyWriteTakesAHigherSequenceNumberStoreWide() {
    store.insert(OWNER, ID_1, entry("A"), null);
    long first = changes(OWNER, 0, 10).changes().get(0).sequence();
    store.insert(OTHER, ID_2, entry("B"), null);
    long second = changes(OTHER, 0, 10).changes().get(0).sequence();
    store.replace(OWNER, ID_1, entry("A2"), VersionMatch.any());
    long third = changes(OWNER, 0, 10).changes().get(0).sequence();
    store.remove(OTHER, ID_2, VersionMatch.any());
    long fourth = changes(OTHER, 0, 10).changes().get(0).sequence();
    assertTrue(
        first < second && second < third && third < fourth,
        List.of(first, second, third, fourth).toString());
  }

  @Test
  void refusedWritesChangeNothingInTheChanges() {
    store.insert(OWNER, ID_1, entry("A"), null);
    ChangeBatch before = changes(OWNER, 0, 10);
    store.replace(OWNER, ID_1, entry("B"), VersionMatch.oneOf(Set.of(9L)));
    store.remove(OWNER, ID_1, VersionMatch.oneOf(Set.of(9L)));
    store.remove(OTHER, ID_1, VersionMatch.any());
    assertEquals(before.changes(), changes(OWNER, 0, 10).changes());
  }

  @Test
  void tombstonesAreKeptForTheRetentionThenDropped() {
    store.insert(OWNER, ID_1, entry("A"), null);
    store.insert(OWNER, ID_2, entry("B"), null);
    store.remove(OWNER, ID_1, VersionMatch.any());
    long tombstone = changes(OWNER, 0, 10).changes().get(1).sequence();

    clock.advance(retention.changes().minusMinutes(1));
    store.insert(OWNER, ID_3, entry("C"), null);
    assertEquals(List.of(ID_2, ID_1, ID_3), changedIds(OWNER));

    clock.advance(Duration.ofMinutes(2));
    // Expired tombstones go at a later write.
    store.insert(OWNER, ID_4, entry("D"), null);
    ChangeBatch after = changes(OWNER, 0, 10);
    assertEquals(List.of(ID_2, ID_3, ID_4), changedIds(OWNER));
    assertTrue(after.expiredThrough() >= tombstone, after.toString());
    assertTrue(after.expiredThrough() < after.changes().get(1).sequence(), after.toString());
  }

  @Test
  void aReaderThatFollowsTheChangesEndsInStepUnderConcurrentWriters() throws Exception {
    int writers = 6;
    int writesEach = 60;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    Map<String, Long> seen = new HashMap<>();
    long[] position = {0};
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < writesEach; i++) {
                    String id = String.format("0000000000007000800000000%02x%05x", writer, i / 3);
                    switch (i % 3) {
                      case 0 -> store.insert(OWNER, id, entry("v1"), null);
                      case 1 -> store.replace(OWNER, id, entry("v2"), VersionMatch.any());
                      default -> {
                        if (i % 2 == 0) {
                          store.remove(OWNER, id, VersionMatch.any());
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      while (!done.stream().allMatch(Future::isDone)) {
        follow(seen, position, false);
      }
      for (Future<?> writer : done) {
        writer.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    follow(seen, position, true);
    Map<String, Long> live = new HashMap<>();
    for (VersionedEntry entry : store.list(OWNER, null, 10_000, null)) {
      live.put(entry.id(), entry.version());
    }
    assertEquals(live, seen);
  }

  /** Applies every change after {@code position} to {@code seen} (id to version), page by page. */
  private void follow(Map<String, Long> seen, long[] position, boolean settled) {
    while (true) {
      ChangeBatch batch =
          settled ? changes(OWNER, position[0], 7) : store.changes(OWNER, position[0], 7);
      for (Change change : batch.changes()) {
        assertTrue(change.sequence() > position[0]);
        if (change.deleted()) {
          seen.remove(change.id());
        } else {
          seen.put(change.id(), change.version());
        }
        position[0] = change.sequence();
      }
      if (batch.changes().size() < 7) {
        position[0] = Math.max(position[0], batch.horizon());
        return;
      }
    }
  }

  // ---- merges ----

  private static Map<String, VersionMatch> sources(Object... idsAndConditions) {
    Map<String, VersionMatch> sources = new LinkedHashMap<>();
    for (int i = 0; i < idsAndConditions.length; i += 2) {
      sources.put((String) idsAndConditions[i], (VersionMatch) idsAndConditions[i + 1]);
    }
    return sources;
  }

  private static VersionMatch at(long version) {
    return VersionMatch.oneOf(Set.of(version));
  }

  @Test
  void aMergeReplacesTheTargetAndRemovesTheSourcesAsUpdateAndDeletionsInTheChanges() {
    store.insert(OWNER, ID_1, entry("Ada", "a@x.example"), null);
    store.insert(OWNER, ID_2, entry("Ada L", "b@x.example"), null);
    store.replace(OWNER, ID_2, entry("Ada L", "b@x.example"), VersionMatch.any());
    store.insert(OWNER, ID_3, entry("A. L.", "c@x.example"), null);
    store.insert(OWNER, ID_4, entry("Other"), null);
    long before = changes(OWNER, 0, 100).horizon();
    AddressEntry merged = entry("Ada", "a@x.example", "b@x.example", "c@x.example");

    MergeResult result =
        store.merge(OWNER, ID_1, merged, at(1), sources(ID_2, at(2), ID_3, VersionMatch.any()));

    assertEquals(WriteResult.Status.WRITTEN, result.status());
    assertEquals(new VersionedEntry(ID_1, 2, merged), result.merged());
    assertEquals(result.merged(), store.find(OWNER, ID_1).orElseThrow());
    assertTrue(store.find(OWNER, ID_2).isEmpty());
    assertTrue(store.find(OWNER, ID_3).isEmpty());
    assertEquals(List.of(ID_1, ID_4), ids(store.list(OWNER, null, 10, null)));
    assertEquals(2, store.count());
    List<Change> feed = changes(OWNER, before, 100).changes();
    assertEquals(List.of(ID_1, ID_2, ID_3), feed.stream().map(Change::id).toList());
    assertEquals(result.merged(), feed.get(0).entry());
    assertTrue(feed.get(1).deleted() && feed.get(2).deleted(), feed.toString());
    assertEquals(2, feed.get(1).version());
    assertEquals(1, feed.get(2).version());
  }

  @Test
  void aMergeWithAMissingOrStaleEntryWritesNothing() {
    store.insert(OWNER, ID_1, entry("Ada"), null);
    store.insert(OWNER, ID_2, entry("Ada 2"), null);
    store.insert(OWNER, ID_3, entry("Ada 3"), null);
    store.insert(OTHER, ID_4, entry("Not yours"), null);
    ChangeBatch before = changes(OWNER, 0, 100);
    AddressEntry merged = entry("Merged");

    MergeResult missing =
        store.merge(OWNER, ID_1, merged, VersionMatch.any(), sources(ID_2, at(1), ID_4, at(1)));
    assertEquals(WriteResult.Status.NOT_FOUND, missing.status());
    assertEquals(ID_4, missing.id());
    MergeResult missingTarget =
        store.merge(OWNER, ID_4, merged, VersionMatch.any(), sources(ID_2, at(1)));
    assertEquals(new MergeResult(WriteResult.Status.NOT_FOUND, ID_4, null, 0), missingTarget);
    MergeResult staleSource =
        store.merge(OWNER, ID_1, merged, at(1), sources(ID_2, at(1), ID_3, at(7)));
    assertEquals(new MergeResult(WriteResult.Status.VERSION_MISMATCH, ID_3, null, 1), staleSource);
    MergeResult staleTarget = store.merge(OWNER, ID_1, merged, at(2), sources(ID_2, at(1)));
    assertEquals(new MergeResult(WriteResult.Status.VERSION_MISMATCH, ID_1, null, 1), staleTarget);

    assertEquals(before.changes(), changes(OWNER, 0, 100).changes());
    assertEquals(List.of(ID_1, ID_2, ID_3), ids(store.list(OWNER, null, 10, null)));
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), store.find(OWNER, ID_1).orElseThrow());
    assertTrue(store.find(OTHER, ID_4).isPresent());
  }

  @Test
  void concurrentOverlappingMergesNeverLoseAnEntryNorMergeOneTwice() throws Exception {
    int entries = 24;
    List<String> all = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      String id = String.format("000000000000700080000000000002%02x", i);
      all.add(id);
      store.insert(OWNER, id, entry("e" + i, "m" + i + "@x.example"), null);
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<String> merged = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(t);
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int round = 0; round < 25; round++) {
                    String target = all.get(random.nextInt(entries));
                    TreeSet<String> from = new TreeSet<>();
                    for (int k = 1 + random.nextInt(3); k > 0; k--) {
                      from.add(all.get(random.nextInt(entries)));
                    }
                    from.remove(target);
                    if (from.isEmpty()) {
                      continue;
                    }
                    mergeAsRead(target, from, merged);
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
    // Every e-mail is in exactly one live entry: none lost, none copied twice.
    List<String> emails = new ArrayList<>();
    for (VersionedEntry live : store.list(OWNER, null, 1000, null)) {
      live.entry().emails().forEach(e -> emails.add(e.email()));
    }
    java.util.Collections.sort(emails);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      expected.add("m" + i + "@x.example");
    }
    java.util.Collections.sort(expected);
    assertEquals(expected, emails);
    assertEquals(entries - merged.size(), store.count());
    assertEquals(merged.size(), new TreeSet<>(merged).size(), "an entry merged twice: " + merged);
    assertTrue(!merged.isEmpty(), "no merge succeeded");
  }

  /** Reads the target and sources, merges their e-mails into the target at the versions read. */
  private void mergeAsRead(String target, Set<String> from, List<String> merged) {
    VersionedEntry read = store.find(OWNER, target).orElse(null);
    if (read == null) {
      return;
    }
    List<Email> emails = new ArrayList<>(read.entry().emails());
    Map<String, VersionMatch> sources = new LinkedHashMap<>();
    for (String id : from) {
      VersionedEntry source = store.find(OWNER, id).orElse(null);
      if (source == null) {
        return;
      }
      emails.addAll(source.entry().emails());
      sources.put(id, at(source.version()));
    }
    AddressEntry entry = new AddressEntry(read.entry().fullName(), null, null, null, emails);
    MergeResult result = store.merge(OWNER, target, entry, at(read.version()), sources);
    if (result.status() == WriteResult.Status.WRITTEN) {
      merged.addAll(from);
    }
  }

  /**
   * Waits until every write made so far can be listed as a change. Engines whose writes commit out
   * of order across instances (PostgreSQL) hold changes back while an older transaction runs.
   */
  protected void settle() throws Exception {}

  /** The store's changes, once every write made so far is visible to them. */
  protected ChangeBatch changes(String owner, long after, int limit) {
    try {
      settle();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return store.changes(owner, after, limit);
  }

  private List<String> changedIds(String owner) {
    return changes(owner, 0, 100).changes().stream().map(Change::id).toList();
  }

  protected static List<String> ids(List<VersionedEntry> entries) {
    return entries.stream().map(VersionedEntry::id).toList();
  }
}

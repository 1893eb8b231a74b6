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
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.EntryValidator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

  protected AddressStore store;

  /** A fresh, empty store of the engine under test. */
  protected abstract AddressStore openEmptyStore() throws Exception;

  /** Releases what {@link #openEmptyStore} took (files, connections). */
  protected void closeStore(AddressStore store) throws Exception {}

  @BeforeEach
  void open() throws Exception {
    store = openEmptyStore();
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
    VersionedEntry created = store.insert(ID_1, entry("Ada"));
    assertEquals(new VersionedEntry(ID_1, 1, entry("Ada")), created);
    assertEquals(created, store.find(ID_1).orElseThrow());
    assertEquals(1, store.count());
  }

  @Test
  void findUnknownIsEmpty() {
    assertTrue(store.find(ID_1).isEmpty());
  }

  @Test
  void insertOfAnIdInUseIsRefused() {
    store.insert(ID_1, entry("Ada"));
    assertThrows(RuntimeException.class, () -> store.insert(ID_1, entry("Bob")));
    assertEquals("Ada", store.find(ID_1).orElseThrow().entry().fullName());
  }

  @Test
  void unconditionalReplaceBumpsTheVersion() {
    store.insert(ID_1, entry("Ada"));
    WriteResult result = store.replace(ID_1, entry("Ada Lovelace"), VersionMatch.any());
    assertEquals(WriteResult.Status.WRITTEN, result.status());
    assertEquals(2, result.entry().version());
    assertEquals(result.entry(), store.find(ID_1).orElseThrow());
  }

  @Test
  void replaceWithTheCurrentVersionWrites() {
    store.insert(ID_1, entry("Ada"));
    WriteResult result = store.replace(ID_1, entry("B"), VersionMatch.oneOf(Set.of(1L)));
    assertEquals(WriteResult.Status.WRITTEN, result.status());
    assertEquals(new VersionedEntry(ID_1, 2, entry("B")), store.find(ID_1).orElseThrow());
  }

  @Test
  void replaceWithAStaleVersionChangesNothing() {
    store.insert(ID_1, entry("Ada"));
    store.replace(ID_1, entry("B"), VersionMatch.any());
    WriteResult result = store.replace(ID_1, entry("C"), VersionMatch.oneOf(Set.of(1L, 7L)));
    assertEquals(WriteResult.Status.VERSION_MISMATCH, result.status());
    assertEquals(2, result.currentVersion());
    assertNull(result.entry());
    assertEquals(new VersionedEntry(ID_1, 2, entry("B")), store.find(ID_1).orElseThrow());
  }

  @Test
  void replaceOfUnknownIsNotFoundAndCreatesNothing() {
    WriteResult result = store.replace(ID_1, entry("Ada"), VersionMatch.any());
    assertEquals(WriteResult.Status.NOT_FOUND, result.status());
    assertTrue(store.find(ID_1).isEmpty());
    assertEquals(0, store.count());
  }

  @Test
  void removeWithTheCurrentVersionRemoves() {
    store.insert(ID_1, entry("Ada"));
    WriteResult result = store.remove(ID_1, VersionMatch.oneOf(Set.of(1L)));
    assertEquals(WriteResult.Status.WRITTEN, result.status());
    assertTrue(store.find(ID_1).isEmpty());
    assertEquals(0, store.count());
  }

  @Test
  void removeWithAStaleVersionKeepsTheEntry() {
    store.insert(ID_1, entry("Ada"));
    WriteResult result = store.remove(ID_1, VersionMatch.oneOf(Set.of()));
    assertEquals(WriteResult.Status.VERSION_MISMATCH, result.status());
    assertEquals(1, result.currentVersion());
    assertTrue(store.find(ID_1).isPresent());
  }

  @Test
  void removeOfUnknownIsNotFound() {
    assertEquals(WriteResult.Status.NOT_FOUND, store.remove(ID_1, VersionMatch.any()).status());
    store.insert(ID_1, entry("Ada"));
    store.remove(ID_1, VersionMatch.any());
    assertEquals(WriteResult.Status.NOT_FOUND, store.remove(ID_1, VersionMatch.any()).status());
  }

  @Test
  void listIsInIdOrderWhateverTheInsertOrder() {
    store.insert(ID_3, entry("C"));
    store.insert(ID_1, entry("A"));
    store.insert(ID_2, entry("B"));
    assertEquals(List.of(ID_1, ID_2, ID_3), ids(store.list(null, 10, null)));
  }

  @Test
  void listPagesByKeyset() {
    store.insert(ID_1, entry("A"));
    store.insert(ID_2, entry("B"));
    store.insert(ID_3, entry("C"));
    store.insert(ID_4, entry("D"));
    assertEquals(List.of(ID_1, ID_2), ids(store.list(null, 2, null)));
    assertEquals(List.of(ID_3, ID_4), ids(store.list(ID_2, 2, null)));
    assertEquals(List.of(), ids(store.list(ID_4, 2, null)));
  }

  @Test
  void listAfterADeletedIdContinuesAfterIt() {
    store.insert(ID_1, entry("A"));
    store.insert(ID_2, entry("B"));
    store.insert(ID_3, entry("C"));
    store.remove(ID_2, VersionMatch.any());
    assertEquals(List.of(ID_3), ids(store.list(ID_2, 10, null)));
  }

  @Test
  void listReturnsCurrentVersions() {
    store.insert(ID_1, entry("A"));
    store.replace(ID_1, entry("A2"), VersionMatch.any());
    VersionedEntry listed = store.list(null, 10, null).get(0);
    assertEquals(new VersionedEntry(ID_1, 2, entry("A2")), listed);
  }

  @Test
  void searchMatchesNameOrEmailIgnoringCase() {
    store.insert(ID_1, entry("Ada Lovelace", "ada@example.org"));
    store.insert(ID_2, entry("Bob", "bob@LOVELACE.example"));
    store.insert(ID_3, entry("Carol", "carol@example.org"));
    assertEquals(List.of(ID_1, ID_2), ids(store.list(null, 10, "loveLACE")));
    assertEquals(List.of(ID_3), ids(store.list(null, 10, "CAROL@")));
    assertEquals(List.of(), ids(store.list(null, 10, "nobody")));
  }

  @Test
  void searchCombinesWithPaging() {
    store.insert(ID_1, entry("Ann One"));
    store.insert(ID_2, entry("Bob"));
    store.insert(ID_3, entry("Ann Three"));
    store.insert(ID_4, entry("Ann Four"));
    assertEquals(List.of(ID_1, ID_3), ids(store.list(null, 2, "ann")));
    assertEquals(List.of(ID_4), ids(store.list(ID_3, 2, "ann")));
  }

  @Test
  void searchTreatsPatternCharactersLiterally() {
    store.insert(ID_1, entry("100% O'Brien_x"));
    store.insert(ID_2, entry("Plain"));
    assertEquals(List.of(ID_1), ids(store.list(null, 10, "0% o'b")));
    assertEquals(List.of(ID_1), ids(store.list(null, 10, "%")));
    assertEquals(List.of(ID_1), ids(store.list(null, 10, "_")));
    assertEquals(List.of(), ids(store.list(null, 10, "\\")));
    assertEquals(List.of(), ids(store.list(null, 10, "'; DROP TABLE entries; --")));
    assertEquals(2, store.count());
  }

  @Test
  void unicodeSurvives() {
    AddressEntry unicode = entry("Zoë 山田 🌍", "zoë@例え.jp");
    store.insert(ID_1, unicode);
    assertEquals(unicode, store.find(ID_1).orElseThrow().entry());
  }

  /**
   * The store as it reads entries back from its storage. Engines that answer from memory (the file
   * store) override this to reopen, so that what was written is read again.
   */
  protected AddressStore reread() {
    return store;
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
    store.insert(ID_1, longest);
    ObjectMapper json = JsonMapping.newMapper();
    assertEquals(
        json.writeValueAsString(longest),
        json.writeValueAsString(reread().find(ID_1).orElseThrow().entry()));
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
      store.insert(id, accepted);
      written.add(json.writeValueAsString(accepted));
    }
    AddressStore back = reread();
    List<String> alone = new ArrayList<>();
    for (int i = 0; i < EDGE_NUMBERS.size(); i++) {
      String id = String.format("0000000000007000800000000000%04d", i);
      alone.add(json.writeValueAsString(back.find(id).orElseThrow().entry()));
    }
    assertEquals(written, alone);
    assertEquals(written, serialised(json, back.list(null, EDGE_NUMBERS.size(), null)));
    assertEquals(written, serialised(json, back.list(null, EDGE_NUMBERS.size(), "EDG")));
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
    store.insert(ID_1, entry("start"));
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
                  return store.replace(ID_1, entry(name), VersionMatch.oneOf(Set.of(1L)));
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
      VersionedEntry stored = store.find(ID_1).orElseThrow();
      assertEquals(2, stored.version());
      assertEquals(winner, stored.entry().fullName());
    } finally {
      pool.shutdownNow();
    }
  }

  protected static List<String> ids(List<VersionedEntry> entries) {
    return entries.stream().map(VersionedEntry::id).toList();
  }
}

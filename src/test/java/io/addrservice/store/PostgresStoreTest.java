package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.addrservice.config.TestConfig;
import io.addrservice.model.Address;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.Kind;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Owners;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.DuplicateGroup;
import io.addrservice.service.DuplicateIndex;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store contract on the postgresql engine, against the database given in {@code
 * test.postgresql.url} (see {@link PostgresTestDatabase}); skipped when none is given.
 */
class PostgresStoreTest extends AddressStoreContractTest {
  private static final Optional<PostgresTestDatabase> DATABASE = PostgresTestDatabase.given();

  /** Where the tests that break the table work, apart from the shared one. */
  private static final String SCRATCH_SCHEMA = "readiness_probe_test";

  /** Exercises every value form: exact decimals, numbers and strings side by side, Unicode. */
  private static final AddressEntry EVERY_FORM =
      new AddressEntry(
          "Zoë Ångström",
          List.of(
              new Address(
                  Kind.HOME,
                  "Tower \"A\"",
                  new BigDecimal("12.50"),
                  NumberOrString.of("12B"),
                  "MG Road",
                  null,
                  "Bengaluru",
                  null,
                  NumberOrString.of("110011"),
                  "India"),
              new Address(
                  Kind.WORK,
                  null,
                  null,
                  NumberOrString.of(new BigDecimal("42")),
                  "Main St",
                  null,
                  null,
                  null,
                  NumberOrString.of(new BigDecimal("123456789012345678901234567890")),
                  "US")),
          List.of(new Phone(Kind.HOME, new BigDecimal("91"), null, new BigDecimal("9876543210"))),
          List.of(),
          List.of(new Email(Kind.WORK, "zoe@example.org")));

  @Override
  protected AddressStore openEmptyStore(Retention retention) throws Exception {
    assumeTrue(DATABASE.isPresent(), PostgresTestDatabase.NOT_GIVEN);
    PostgresTestDatabase database = DATABASE.orElseThrow();
    database.emptyEntries();
    return new PostgresStore(database.dataSource(), database.flyway(), database.url(), retention);
  }

  /** Waits (up to 30 s) until no transaction older than a new one is running in the cluster. */
  @Override
  protected void settle() throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    try (Connection connection = DATABASE.orElseThrow().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      while (System.nanoTime() < deadline) {
        connection.setAutoCommit(false);
        try (ResultSet row =
            statement.executeQuery(
                "SELECT pg_snapshot_xmin(pg_current_snapshot()) = pg_current_xact_id()")) {
          row.next();
          boolean oldest = row.getBoolean(1);
          connection.rollback();
          if (oldest) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
  }

  @Test
  void theDuplicatesOfOneInstanceSeeTheWritesAndMergesOfAnother() throws Exception {
    PostgresTestDatabase database = DATABASE.orElseThrow();
    AddressStore other =
        new PostgresStore(database.dataSource(), database.flyway(), database.url(), retention);
    DuplicateIndex index = new DuplicateIndex(store, TestConfig.defaults());
    assertEquals(List.of(), index.page(OWNER, null, null).groups());

    other.insert(OWNER, ID_1, entry("Ada Lovelace", "ada@example.org"), null);
    other.insert(OWNER, ID_2, entry("ADA LOVELACE"), null);
    other.insert(OWNER, ID_3, entry("Countess", "Ada@Example.org"), null);
    settle();
    assertEquals(
        List.of(List.of(ID_1, ID_2, ID_3)),
        index.page(OWNER, null, null).groups().stream().map(DuplicateGroup::ids).toList());

    other.merge(
        OWNER,
        ID_1,
        entry("Ada Lovelace", "ada@example.org"),
        VersionMatch.any(),
        Map.of(ID_2, VersionMatch.any(), ID_3, VersionMatch.any()));
    settle();
    assertEquals(List.of(), index.page(OWNER, null, null).groups());
  }

  @Test
  void aChangeThatCommitsAfterAHigherNumberIsNotSkipped() throws Exception {
    PostgresTestDatabase database = DATABASE.orElseThrow();
    store.insert(OWNER, ID_1, entry("A"), null);
    settle();
    ChangeBatch whileOpen;
    try (Connection other = database.dataSource().getConnection();
        Statement statement = other.createStatement()) {
      // Another instance's transaction: it has its id (its number will be lower) and is slow.
      other.setAutoCommit(false);
      statement.execute("SELECT pg_current_xact_id()");
      store.insert(OWNER, ID_2, entry("B"), null);
      whileOpen = store.changes(OWNER, 0, 10);
      // B committed with a higher number than the open transaction will take: not listed yet.
      assertEquals(List.of(ID_1), changeIds(whileOpen));
      statement.execute(
          "UPDATE entries SET entry = '{\"full_name\": \"A2\"}', version = version + 1,"
              + " search_terms = '{a2}', seq = next_change_seq() WHERE id = '"
              + ID_1
              + "'");
      other.commit();
    }
    settle();
    ChangeBatch next = store.changes(OWNER, whileOpen.horizon(), 10);
    // A reader that went on from the horizon sees both, in number order: A2 before B.
    assertEquals(List.of(ID_1, ID_2), changeIds(next));
    assertEquals(2, next.changes().get(0).version());
    assertTrue(next.changes().get(0).sequence() < next.changes().get(1).sequence());
  }

  private static List<String> changeIds(ChangeBatch batch) {
    return batch.changes().stream().map(Change::id).toList();
  }

  @Test
  void theMigrationKeepsExistingRowsInTheSharedBook() throws Exception {
    PostgresTestDatabase database = DATABASE.orElseThrow();
    try {
      PostgresTestDatabase scratch = database.inNewSchema(SCRATCH_SCHEMA);
      scratch.flyway().migrate();
      // Back to version 1 with a row written then, as an earlier service left it.
      scratch.execute("DROP SCHEMA " + SCRATCH_SCHEMA + " CASCADE");
      scratch.execute("CREATE SCHEMA " + SCRATCH_SCHEMA);
      org.flywaydb.core.Flyway.configure()
          .dataSource(scratch.dataSource())
          .target("1")
          .load()
          .migrate();
      scratch.execute(
          "INSERT INTO entries (id, version, entry, search_terms) VALUES ('"
              + ID_1
              + "', 3, '{\"full_name\": \"Old\"}', '{old}')");
      AddressStore upgraded =
          new PostgresStore(scratch.dataSource(), scratch.flyway(), scratch.url(), retention);
      assertEquals(
          new VersionedEntry(ID_1, 3, AddressEntry.named("Old")),
          upgraded.find(Owners.SHARED_BOOK, ID_1).orElseThrow());
      assertTrue(upgraded.find(OWNER, ID_1).isEmpty());
      upgraded.insert(Owners.SHARED_BOOK, ID_2, entry("New"), null);
      assertEquals(List.of(ID_1, ID_2), changeIds(upgraded.changes(Owners.SHARED_BOOK, 0, 10)));
    } finally {
      database.dropSchema(SCRATCH_SCHEMA);
    }
  }

  @Test
  void everyValueKeepsItsTypeAndDigits() {
    store.insert(OWNER, ID_1, EVERY_FORM, null);
    assertEquals(EVERY_FORM, store.find(OWNER, ID_1).orElseThrow().entry());
    store.replace(OWNER, ID_1, EVERY_FORM, VersionMatch.any());
    assertEquals(EVERY_FORM, store.list(OWNER, null, 1, "ångström").get(0).entry());
  }

  @Test
  void searchFoldsCaseBeyondAscii() {
    store.insert(OWNER, ID_1, entry("ZOË ÅNGSTRÖM"), null);
    store.insert(OWNER, ID_2, entry("Ada", "ΣΟΦΊΑ@example.org"), null);
    assertEquals(List.of(ID_1), ids(store.list(OWNER, null, 10, "zoë å")));
    assertEquals(List.of(ID_2), ids(store.list(OWNER, null, 10, "σοφία@")));
  }

  @Test
  void searchFollowsReplacedContent() {
    store.insert(OWNER, ID_1, entry("Ada", "ada@example.org"), null);
    store.replace(OWNER, ID_1, entry("Grace"), VersionMatch.any());
    assertEquals(List.of(), ids(store.list(OWNER, null, 10, "ada")));
    assertEquals(List.of(ID_1), ids(store.list(OWNER, null, 10, "grace")));
  }

  @Test
  void aSecondStoreOnTheSameDatabaseSeesTheSameEntries() {
    PostgresTestDatabase database = DATABASE.orElseThrow();
    AddressStore other =
        new PostgresStore(database.dataSource(), database.flyway(), database.url(), retention);
    store.insert(OWNER, ID_1, entry("Ada"), null);
    assertEquals(store.identity(), other.identity());
    assertEquals(store.find(OWNER, ID_1), other.find(OWNER, ID_1));
    assertEquals(
        WriteResult.Status.WRITTEN, other.remove(OWNER, ID_1, VersionMatch.any()).status());
    assertTrue(store.find(OWNER, ID_1).isEmpty());
  }

  @Test
  void readyWhileTheDatabaseAnswers() {
    assertEquals(Optional.empty(), store.unavailableReason());
    assertEquals("postgresql", store.engine());
  }

  @Test
  void unavailableWhenTheDatabaseIsUnreachable() {
    String reason = unreachableStore().unavailableReason().orElseThrow();
    assertTrue(reason.startsWith("the database is unreachable: "), reason);
  }

  @Test
  void notReadyWhileTheEntriesTableIsMissing() throws SQLException {
    PostgresTestDatabase database = DATABASE.orElseThrow();
    try {
      PostgresTestDatabase scratch = database.inNewSchema(SCRATCH_SCHEMA);
      AddressStore isolated =
          new PostgresStore(scratch.dataSource(), scratch.flyway(), scratch.url(), retention);
      assertEquals(Optional.empty(), isolated.unavailableReason());

      scratch.execute("DROP TABLE entries");

      String reason = isolated.unavailableReason().orElseThrow();
      assertTrue(reason.startsWith("a query on the entries table failed: "), reason);
      // The probe answers what requests would meet: they fail too.
      assertThrows(StoreUnavailableException.class, () -> isolated.find(OWNER, ID_1));
    } finally {
      database.dropSchema(SCRATCH_SCHEMA);
    }
  }

  @Test
  void notReadyWhileTheEntriesTableIsLockedPastTheTimeout() throws SQLException {
    PostgresTestDatabase database = DATABASE.orElseThrow();
    try {
      PostgresTestDatabase scratch = database.inNewSchema(SCRATCH_SCHEMA);
      AddressStore isolated =
          new PostgresStore(scratch.dataSource(), scratch.flyway(), scratch.url(), retention);
      // What a long ALTER TABLE holds: every read of the table waits.
      try (Connection locker = scratch.dataSource().getConnection();
          Statement lock = locker.createStatement()) {
        locker.setAutoCommit(false);
        lock.execute("LOCK TABLE entries IN ACCESS EXCLUSIVE MODE");

        long started = System.nanoTime();
        Optional<String> reason = isolated.unavailableReason();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(
            Optional.of(
                "the entries table did not answer within "
                    + PostgresStore.VALIDITY_TIMEOUT_SECONDS
                    + " seconds"),
            reason);
        assertTrue(
            waited.compareTo(Duration.ofSeconds(PostgresStore.VALIDITY_TIMEOUT_SECONDS + 5)) < 0,
            "the probe waited " + waited);
        locker.rollback();
      }
      assertEquals(Optional.empty(), isolated.unavailableReason());
    } finally {
      database.dropSchema(SCRATCH_SCHEMA);
    }
  }

  @Test
  void everyOperationFailsClearlyWhileTheDatabaseIsUnreachable() {
    AddressStore unreachable = unreachableStore();
    List<Executable> operations =
        List.of(
            () -> unreachable.insert(OWNER, ID_1, entry("Ada"), null),
            () -> unreachable.find(OWNER, ID_1),
            () -> unreachable.replace(OWNER, ID_1, entry("Ada"), VersionMatch.any()),
            () -> unreachable.remove(OWNER, ID_1, VersionMatch.any()),
            () -> unreachable.list(OWNER, null, 10, null),
            () -> unreachable.count());
    for (Executable operation : operations) {
      StoreUnavailableException failure = assertThrows(StoreUnavailableException.class, operation);
      assertTrue(
          failure.getMessage().startsWith("PostgreSQL store at jdbc:postgresql://127.0.0.1:1/"),
          failure.getMessage());
    }
  }

  @Test
  void locationHidesCredentials() {
    assertEquals(
        "jdbc:postgresql://db:5432/book",
        PostgresStore.withoutCredentials("jdbc:postgresql://db:5432/book?user=u&password=secret"));
    assertEquals(
        "jdbc:postgresql://db/book", PostgresStore.withoutCredentials("jdbc:postgresql://db/book"));
  }

  /** A store whose data source points where no database listens; its schema is the real one. */
  private static AddressStore unreachableStore() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    // Port 1 on the loopback interface: refused at once, so the tests do not wait.
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none");
    nowhere.setConnectTimeout(PostgresStore.VALIDITY_TIMEOUT_SECONDS);
    return new PostgresStore(
        nowhere, DATABASE.orElseThrow().flyway(), nowhere.getURL(), Retention.defaults());
  }
}

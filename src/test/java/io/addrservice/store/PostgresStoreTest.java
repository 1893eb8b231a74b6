package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.addrservice.model.Address;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.Kind;
import io.addrservice.model.NumberOrString;
import io.addrservice.model.Phone;
import io.addrservice.model.VersionMatch;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
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
  protected AddressStore openEmptyStore() throws Exception {
    assumeTrue(DATABASE.isPresent(), PostgresTestDatabase.NOT_GIVEN);
    PostgresTestDatabase database = DATABASE.orElseThrow();
    database.emptyEntries();
    return new PostgresStore(database.dataSource(), database.flyway(), database.url());
  }

  @Test
  void everyValueKeepsItsTypeAndDigits() {
    store.insert(ID_1, EVERY_FORM);
    assertEquals(EVERY_FORM, store.find(ID_1).orElseThrow().entry());
    store.replace(ID_1, EVERY_FORM, VersionMatch.any());
    assertEquals(EVERY_FORM, store.list(null, 1, "ångström").get(0).entry());
  }

  @Test
  void searchFoldsCaseBeyondAscii() {
    store.insert(ID_1, entry("ZOË ÅNGSTRÖM"));
    store.insert(ID_2, entry("Ada", "ΣΟΦΊΑ@example.org"));
    assertEquals(List.of(ID_1), ids(store.list(null, 10, "zoë å")));
    assertEquals(List.of(ID_2), ids(store.list(null, 10, "σοφία@")));
  }

  @Test
  void searchFollowsReplacedContent() {
    store.insert(ID_1, entry("Ada", "ada@example.org"));
    store.replace(ID_1, entry("Grace"), VersionMatch.any());
    assertEquals(List.of(), ids(store.list(null, 10, "ada")));
    assertEquals(List.of(ID_1), ids(store.list(null, 10, "grace")));
  }

  @Test
  void aSecondStoreOnTheSameDatabaseSeesTheSameEntries() {
    PostgresTestDatabase database = DATABASE.orElseThrow();
    AddressStore other =
        new PostgresStore(database.dataSource(), database.flyway(), database.url());
    store.insert(ID_1, entry("Ada"));
    assertEquals(store.find(ID_1), other.find(ID_1));
    assertEquals(WriteResult.Status.WRITTEN, other.remove(ID_1, VersionMatch.any()).status());
    assertTrue(store.find(ID_1).isEmpty());
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
          new PostgresStore(scratch.dataSource(), scratch.flyway(), scratch.url());
      assertEquals(Optional.empty(), isolated.unavailableReason());

      scratch.execute("DROP TABLE entries");

      String reason = isolated.unavailableReason().orElseThrow();
      assertTrue(reason.startsWith("a query on the entries table failed: "), reason);
      // The probe answers what requests would meet: they fail too.
      assertThrows(StoreUnavailableException.class, () -> isolated.find(ID_1));
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
          new PostgresStore(scratch.dataSource(), scratch.flyway(), scratch.url());
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
            () -> unreachable.insert(ID_1, entry("Ada")),
            () -> unreachable.find(ID_1),
            () -> unreachable.replace(ID_1, entry("Ada"), VersionMatch.any()),
            () -> unreachable.remove(ID_1, VersionMatch.any()),
            () -> unreachable.list(null, 10, null),
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
    return new PostgresStore(nowhere, DATABASE.orElseThrow().flyway(), nowhere.getURL());
  }
}

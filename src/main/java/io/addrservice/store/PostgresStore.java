package io.addrservice.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.quarkus.logging.Log;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Keeps entries in a PostgreSQL table shared by any number of service instances; every rule that
 * must hold across instances (version checks, id order) is enforced by the database in one SQL
 * statement.
 */
final class PostgresStore implements AddressStore {
  /** Seconds that a readiness probe waits for the database to answer. */
  static final int VALIDITY_TIMEOUT_SECONDS = 2;

  private static final String SQLSTATE_UNIQUE_VIOLATION = "23505";
  private static final String SQLSTATE_QUERY_CANCELED = "57014";

  private static final String INSERT =
      "INSERT INTO entries (id, owner, version, entry, search_terms, seq, created_at, updated_at)"
          + " VALUES (?, ?, 1, ?::jsonb, ?, next_change_seq(), ?, ?)";
  // Claims the key unless an unexpired one holds it; the row returned says this create owns it.
  private static final String CLAIM_KEY =
      "INSERT INTO idempotency_keys (owner, key, fingerprint, entry_id, created_at)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (owner, key) DO UPDATE SET"
          + " fingerprint = EXCLUDED.fingerprint, entry_id = EXCLUDED.entry_id,"
          + " created_at = EXCLUDED.created_at WHERE idempotency_keys.created_at <= ?"
          + " RETURNING entry_id";
  private static final String EARLIER_KEY =
      "SELECT entry_id, fingerprint FROM idempotency_keys WHERE owner = ? AND key = ?";
  private static final String LIVE = " AND owner = ? AND deleted_at IS NULL";
  private static final String FIND = "SELECT version, entry FROM entries WHERE id = ?" + LIVE;
  private static final String CURRENT_VERSION = "SELECT version FROM entries WHERE id = ?" + LIVE;
  // The version check and the write are one statement, so no other writer can slip in between,
  // whichever instance it runs in; the first parameter says whether the write is unconditional.
  private static final String REPLACE =
      "UPDATE entries SET entry = ?::jsonb, search_terms = ?, version = version + 1,"
          + " seq = next_change_seq(), updated_at = ?"
          + " WHERE id = ?"
          + LIVE
          + " AND (? OR version = ANY (?)) RETURNING version";
  // A deletion leaves a tombstone without the entry's content for the change feed.
  private static final String LOCK_FOR_REMOVE =
      "SELECT version, entry FROM entries WHERE id = ?" + LIVE + " FOR UPDATE";
  private static final String REMOVE =
      "UPDATE entries SET entry = '{}'::jsonb, search_terms = '{}', seq = next_change_seq(),"
          + " updated_at = ?, deleted_at = ? WHERE id = ?";
  // A merge locks the target and its sources in id order: two merges over the same entries take
  // their locks in the same order, so they wait for each other instead of deadlocking.
  private static final String LOCK_FOR_MERGE =
      "SELECT id, version FROM entries WHERE id = ANY (?)" + LIVE + " ORDER BY id FOR UPDATE";
  private static final String MERGE_TARGET =
      "UPDATE entries SET entry = ?::jsonb, search_terms = ?, version = version + 1,"
          + " seq = next_change_seq(), updated_at = ? WHERE id = ? RETURNING version";
  // The empty string sorts before every id, so "after nothing" needs no second statement.
  private static final String LIST =
      "SELECT id, version, entry FROM entries WHERE owner = ? AND deleted_at IS NULL AND id > ?"
          + " ORDER BY id LIMIT ?";
  // strpos, not LIKE: the search text is a plain substring, so %, _ and \ in it mean themselves.
  private static final String SEARCH =
      "SELECT id, version, entry FROM entries WHERE owner = ? AND deleted_at IS NULL AND id > ?"
          + " AND EXISTS (SELECT 1 FROM unnest(search_terms) AS term WHERE strpos(term, ?) > 0)"
          + " ORDER BY id LIMIT ?";
  // Only numbers below the horizon (V2__owners_changes_idempotency.sql says why): one row with
  // the horizon even when no change follows.
  private static final String CHANGES =
      "WITH state AS (SELECT base + (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 16)"
          + " - 1 AS horizon, expired_through FROM change_state)"
          + " SELECT state.horizon, state.expired_through, c.seq, c.id, c.version, c.entry,"
          + " c.deleted_at IS NOT NULL, c.updated_at FROM state LEFT JOIN LATERAL"
          + " (SELECT seq, id, version, entry, deleted_at, updated_at FROM entries"
          + " WHERE owner = ? AND seq > ? AND seq <= state.horizon ORDER BY seq LIMIT ?) c ON true"
          + " ORDER BY c.seq";
  private static final String PURGE_TOMBSTONES =
      "WITH dropped AS (DELETE FROM entries WHERE deleted_at IS NOT NULL AND deleted_at < ?"
          + " RETURNING seq) UPDATE change_state SET expired_through ="
          + " greatest(expired_through, (SELECT max(seq) FROM dropped))"
          + " WHERE EXISTS (SELECT 1 FROM dropped)";
  private static final String PURGE_KEYS = "DELETE FROM idempotency_keys WHERE created_at <= ?";
  private static final String IDENTITY = "SELECT store_id FROM change_state";
  private static final String COUNT = "SELECT count(*) FROM entries WHERE deleted_at IS NULL";
  // What readiness asks: the table that every request reads is there and this user may read it.
  // One row at most, by whatever plan is cheapest: it costs about as much as a connection check.
  private static final String PROBE = "SELECT 1 FROM entries LIMIT 1";

  private final DataSource dataSource;
  private final String location;
  private final ObjectMapper json = JsonMapping.newMapper();
  private final Retention retention;
  private final Every purges;
  // Read at its first use, not at start: a store opens (and reports itself unready) while the
  // database is down.
  private volatile String identity;

  /**
   * Opens the store: brings the schema up to date with {@code flyway} before anything else, so that
   * every instance runs against the schema it was built for. Flyway holds a database lock while it
   * migrates, so instances starting together do not race.
   *
   * @param jdbcUrl the database's JDBC URL, shown (without credentials) in logs and health
   */
  PostgresStore(DataSource dataSource, Flyway flyway, String jdbcUrl, Retention retention) {
    this.dataSource = dataSource;
    this.retention = retention;
    this.purges = new Every(retention.clock(), Retention.PURGE_INTERVAL);
    this.location = withoutCredentials(jdbcUrl);
    flyway.migrate();
  }

  private String readIdentity() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement identity = connection.prepareStatement(IDENTITY);
        ResultSet row = identity.executeQuery()) {
      row.next();
      return row.getString(1);
    } catch (SQLException e) {
      throw failed("read the store's identity", e);
    }
  }

  @Override
  public String identity() {
    String known = identity;
    if (known == null) {
      known = readIdentity();
      identity = known;
    }
    return known;
  }

  @Override
  public String engine() {
    return "postgresql";
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public Insertion insert(String owner, String id, AddressEntry entry, IdempotencyKey key) {
    purgeIfDue();
    Instant now = retention.now();
    try (Connection connection = dataSource.getConnection()) {
      if (key == null) {
        insertRow(connection, owner, id, entry, now);
        return Insertion.created(new VersionedEntry(id, 1, entry));
      }
      // The key and the entry in one transaction: both are stored, or neither.
      connection.setAutoCommit(false);
      try {
        while (true) {
          if (claimKey(connection, owner, id, key, now)) {
            insertRow(connection, owner, id, entry, now);
            connection.commit();
            return Insertion.created(new VersionedEntry(id, 1, entry));
          }
          Optional<Insertion> earlier = earlierUse(connection, owner, key);
          connection.rollback();
          if (earlier.isPresent()) {
            return earlier.get();
          }
          // The key expired and was dropped between the two statements: claim it again.
        }
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if (SQLSTATE_UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new IllegalStateException("id already in use: " + id, e);
      }
      throw failed("insert " + id, e);
    }
  }

  /** One transaction: the batch commits whole or not at all, and with one commit's flush. */
  @Override
  public Set<String> writeBatch(
      String owner, Map<String, AddressEntry> inserts, Map<String, AddressEntry> replaces) {
    purgeIfDue();
    Instant now = retention.now();
    return inTransaction(
        "write an import batch",
        connection -> {
          for (Map.Entry<String, AddressEntry> insert : inserts.entrySet()) {
            insertRow(connection, owner, insert.getKey(), insert.getValue(), now);
          }
          Set<String> missing = new HashSet<>();
          try (PreparedStatement replace = connection.prepareStatement(REPLACE)) {
            for (Map.Entry<String, AddressEntry> entry : replaces.entrySet()) {
              bindReplace(
                  replace,
                  connection,
                  owner,
                  entry.getKey(),
                  entry.getValue(),
                  VersionMatch.any(),
                  now);
              try (ResultSet row = replace.executeQuery()) {
                if (!row.next()) {
                  missing.add(entry.getKey());
                }
              }
            }
          }
          return missing;
        },
        done -> true);
  }

  private void insertRow(
      Connection connection, String owner, String id, AddressEntry entry, Instant now)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, id);
      insert.setString(2, owner);
      insert.setString(3, toJson(entry));
      insert.setArray(4, searchTerms(connection, entry));
      insert.setTimestamp(5, Timestamp.from(now));
      insert.setTimestamp(6, Timestamp.from(now));
      insert.executeUpdate();
    }
  }

  /**
   * Claims the key for this create, unless an unexpired one holds it. A concurrent create with the
   * same key waits here until the first one's transaction ends, then sees its row.
   */
  private static boolean claimKey(
      Connection connection, String owner, String id, IdempotencyKey key, Instant now)
      throws SQLException {
    try (PreparedStatement claim = connection.prepareStatement(CLAIM_KEY)) {
      claim.setString(1, owner);
      claim.setString(2, key.key());
      claim.setString(3, key.fingerprint());
      claim.setString(4, id);
      claim.setTimestamp(5, Timestamp.from(now));
      claim.setTimestamp(6, Timestamp.from(now.minus(Retention.IDEMPOTENCY_KEYS)));
      try (ResultSet row = claim.executeQuery()) {
        return row.next();
      }
    }
  }

  private static Optional<Insertion> earlierUse(
      Connection connection, String owner, IdempotencyKey key) throws SQLException {
    try (PreparedStatement earlier = connection.prepareStatement(EARLIER_KEY)) {
      earlier.setString(1, owner);
      earlier.setString(2, key.key());
      try (ResultSet row = earlier.executeQuery()) {
        return row.next()
            ? Optional.of(Insertion.earlier(row.getString(1), row.getString(2)))
            : Optional.empty();
      }
    }
  }

  @Override
  public Optional<VersionedEntry> find(String owner, String id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement find = connection.prepareStatement(FIND)) {
      find.setString(1, id);
      find.setString(2, owner);
      try (ResultSet row = find.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(new VersionedEntry(id, row.getLong(1), fromJson(row.getString(2))));
      }
    } catch (SQLException e) {
      throw failed("read " + id, e);
    }
  }

  @Override
  public WriteResult replace(String owner, String id, AddressEntry entry, VersionMatch expected) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement replace = connection.prepareStatement(REPLACE)) {
      bindReplace(replace, connection, owner, id, entry, expected, retention.now());
      while (true) {
        try (ResultSet row = replace.executeQuery()) {
          if (row.next()) {
            return WriteResult.written(new VersionedEntry(id, row.getLong(1), entry));
          }
        }
        Optional<WriteResult> refused = refusal(connection, owner, id, expected);
        if (refused.isPresent()) {
          return refused.get();
        }
      }
    } catch (SQLException e) {
      throw failed("update " + id, e);
    }
  }

  /** Sets the parameters of {@link #REPLACE}: the new entry, where and at which versions. */
  private void bindReplace(
      PreparedStatement replace,
      Connection connection,
      String owner,
      String id,
      AddressEntry entry,
      VersionMatch expected,
      Instant now)
      throws SQLException {
    replace.setString(1, toJson(entry));
    replace.setArray(2, searchTerms(connection, entry));
    replace.setTimestamp(3, Timestamp.from(now));
    replace.setString(4, id);
    replace.setString(5, owner);
    replace.setBoolean(6, expected.unconditional());
    replace.setArray(7, versions(connection, expected));
  }

  @Override
  public WriteResult remove(String owner, String id, VersionMatch expected) {
    purgeIfDue();
    // The row is locked from the version check to the tombstone: one step for other writers.
    return inTransaction(
        "delete " + id, connection -> removeLocked(connection, owner, id, expected), done -> true);
  }

  private WriteResult removeLocked(
      Connection connection, String owner, String id, VersionMatch expected) throws SQLException {
    VersionedEntry current;
    try (PreparedStatement lock = connection.prepareStatement(LOCK_FOR_REMOVE)) {
      lock.setString(1, id);
      lock.setString(2, owner);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          return WriteResult.notFound();
        }
        current = new VersionedEntry(id, row.getLong(1), fromJson(row.getString(2)));
      }
    }
    WriteResult refusal = WriteResult.refusal(current.version(), expected);
    if (refusal != null) {
      return refusal;
    }
    try (PreparedStatement remove = connection.prepareStatement(REMOVE)) {
      Timestamp now = Timestamp.from(retention.now());
      remove.setTimestamp(1, now);
      remove.setTimestamp(2, now);
      remove.setString(3, id);
      remove.executeUpdate();
    }
    return WriteResult.written(current);
  }

  @Override
  public MergeResult merge(
      String owner,
      String targetId,
      AddressEntry merged,
      VersionMatch target,
      Map<String, VersionMatch> sources) {
    purgeIfDue();
    String document = toJson(merged);
    // One transaction: the target's update and the sources' tombstones commit together or not at
    // all, and the rows stay locked from the version checks to the commit.
    return inTransaction(
        "merge into " + targetId,
        connection -> mergeLocked(connection, owner, targetId, document, merged, target, sources),
        result -> result.status() == WriteResult.Status.WRITTEN);
  }

  /**
   * Runs {@code work} in a transaction of its own, committed when {@code commit} accepts its result
   * and rolled back otherwise (or when it fails).
   *
   * @param what the operation, for the error when the database fails
   */
  private <T> T inTransaction(String what, SqlWork<T> work, Predicate<T> commit) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        if (commit.test(result)) {
          connection.commit();
        } else {
          connection.rollback();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  /** Work on one connection that may throw {@link SQLException}. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private MergeResult mergeLocked(
      Connection connection,
      String owner,
      String targetId,
      String document,
      AddressEntry merged,
      VersionMatch target,
      Map<String, VersionMatch> sources)
      throws SQLException {
    List<String> ids = new ArrayList<>(1 + sources.size());
    ids.add(targetId);
    ids.addAll(sources.keySet());
    Map<String, Long> versions = new HashMap<>();
    try (PreparedStatement lock = connection.prepareStatement(LOCK_FOR_MERGE)) {
      lock.setArray(1, connection.createArrayOf("text", ids.toArray()));
      lock.setString(2, owner);
      try (ResultSet rows = lock.executeQuery()) {
        while (rows.next()) {
          versions.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    for (String id : ids) {
      Long version = versions.get(id);
      VersionMatch expected = id.equals(targetId) ? target : sources.get(id);
      if (version == null) {
        return MergeResult.refused(id, WriteResult.notFound());
      }
      if (!expected.matches(version)) {
        return MergeResult.refused(id, WriteResult.versionMismatch(version));
      }
    }
    Timestamp now = Timestamp.from(retention.now());
    long written;
    try (PreparedStatement update = connection.prepareStatement(MERGE_TARGET)) {
      update.setString(1, document);
      update.setArray(2, searchTerms(connection, merged));
      update.setTimestamp(3, now);
      update.setString(4, targetId);
      try (ResultSet row = update.executeQuery()) {
        row.next();
        written = row.getLong(1);
      }
    }
    try (PreparedStatement remove = connection.prepareStatement(REMOVE)) {
      for (String id : sources.keySet()) {
        remove.setTimestamp(1, now);
        remove.setTimestamp(2, now);
        remove.setString(3, id);
        remove.executeUpdate();
      }
    }
    return MergeResult.written(new VersionedEntry(targetId, written, merged));
  }

  /**
   * Why a conditional write that changed no row was refused, read after the fact. The answer is one
   * that some moment after the write reflects: the entry absent, or at a version the condition
   * rejects. When the entry has meanwhile reached a version that the condition accepts (another
   * writer got in between), there is no honest refusal, and the caller tries again.
   */
  private static Optional<WriteResult> refusal(
      Connection connection, String owner, String id, VersionMatch expected) throws SQLException {
    try (PreparedStatement current = connection.prepareStatement(CURRENT_VERSION)) {
      current.setString(1, id);
      current.setString(2, owner);
      try (ResultSet row = current.executeQuery()) {
        if (!row.next()) {
          return Optional.of(WriteResult.notFound());
        }
        return Optional.ofNullable(WriteResult.refusal(row.getLong(1), expected));
      }
    }
  }

  @Override
  public List<VersionedEntry> list(String owner, String after, int limit, String text) {
    boolean search = text != null;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement list = connection.prepareStatement(search ? SEARCH : LIST)) {
      int parameter = 1;
      list.setString(parameter++, owner);
      list.setString(parameter++, after == null ? "" : after);
      if (search) {
        list.setString(parameter++, lowerCase(text));
      }
      list.setInt(parameter, limit);
      List<VersionedEntry> page = new ArrayList<>(Math.min(limit, 1024));
      try (ResultSet rows = list.executeQuery()) {
        while (rows.next()) {
          page.add(
              new VersionedEntry(rows.getString(1), rows.getLong(2), fromJson(rows.getString(3))));
        }
      }
      return page;
    } catch (SQLException e) {
      throw failed("list entries", e);
    }
  }

  @Override
  public ChangeBatch changes(String owner, long after, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement changes = connection.prepareStatement(CHANGES)) {
      changes.setString(1, owner);
      changes.setLong(2, after);
      changes.setInt(3, limit);
      List<Change> page = new ArrayList<>(Math.min(limit, 1024));
      long horizon = 0;
      long expired = 0;
      try (ResultSet rows = changes.executeQuery()) {
        while (rows.next()) {
          horizon = rows.getLong(1);
          expired = rows.getLong(2);
          if (rows.getObject(3) == null) {
            continue;
          }
          String id = rows.getString(4);
          long version = rows.getLong(5);
          AddressEntry entry = rows.getBoolean(7) ? null : fromJson(rows.getString(6));
          page.add(
              new Change(rows.getLong(3), id, version, entry, rows.getTimestamp(8).toInstant()));
        }
      }
      return new ChangeBatch(page, horizon, expired);
    } catch (SQLException e) {
      throw failed("list changes", e);
    }
  }

  /** Drops tombstones and keys past their retention, at most once a minute per instance. */
  private void purgeIfDue() {
    if (!purges.due()) {
      return;
    }
    Instant now = retention.now();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement tombstones = connection.prepareStatement(PURGE_TOMBSTONES);
        PreparedStatement keys = connection.prepareStatement(PURGE_KEYS)) {
      tombstones.setTimestamp(1, Timestamp.from(now.minus(retention.changes())));
      tombstones.executeUpdate();
      keys.setTimestamp(1, Timestamp.from(now.minus(Retention.IDEMPOTENCY_KEYS)));
      keys.executeUpdate();
    } catch (SQLException e) {
      // The write that triggered it goes on; the next purge tries again.
      Log.warnf("PostgreSQL store at %s: dropping expired tombstones failed: %s", location, e);
    }
  }

  @Override
  public long count() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(COUNT);
        ResultSet row = count.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw failed("count entries", e);
    }
  }

  /**
   * Why requests would fail now, checked the way they use the database: a pooled connection and a
   * query on the entries table, each given {@link #VALIDITY_TIMEOUT_SECONDS}. A database that
   * answers but has lost the table (dropped, renamed, its grant revoked) is not ready either.
   */
  @Override
  public Optional<String> unavailableReason() {
    try (Connection connection = dataSource.getConnection()) {
      return probeEntries(connection);
    } catch (SQLException e) {
      return Optional.of("the database is unreachable: " + e.getMessage());
    }
  }

  private static Optional<String> probeEntries(Connection connection) {
    try (PreparedStatement probe = connection.prepareStatement(PROBE)) {
      // Bounds a query that waits for a lock (an ALTER TABLE in progress) or a server that stalls.
      probe.setQueryTimeout(VALIDITY_TIMEOUT_SECONDS);
      probe.executeQuery().close();
      return Optional.empty();
    } catch (SQLException e) {
      if (SQLSTATE_QUERY_CANCELED.equals(e.getSQLState())) {
        return Optional.of(
            "the entries table did not answer within " + VALIDITY_TIMEOUT_SECONDS + " seconds");
      }
      return Optional.of("a query on the entries table failed: " + e.getMessage());
    }
  }

  /** The URL without its query string, where the PostgreSQL driver accepts a password. */
  static String withoutCredentials(String jdbcUrl) {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }

  /** The texts a search looks in, lowercased like the search text itself. */
  private static Array searchTerms(Connection connection, AddressEntry entry) throws SQLException {
    List<String> terms = new ArrayList<>(1 + entry.emails().size());
    terms.add(lowerCase(entry.fullName()));
    for (Email email : entry.emails()) {
      terms.add(lowerCase(email.email()));
    }
    return connection.createArrayOf("text", terms.toArray());
  }

  private static Array versions(Connection connection, VersionMatch expected) throws SQLException {
    return connection.createArrayOf("bigint", expected.versions().toArray());
  }

  /** The same case folding as {@link EntryListing}, so every engine finds the same entries. */
  private static String lowerCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private String toJson(AddressEntry entry) {
    try {
      return json.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an entry as JSON", e);
    }
  }

  private AddressEntry fromJson(String document) {
    try {
      return json.readValue(document, AddressEntry.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored entry is not a valid entry document", e);
    }
  }

  private StoreUnavailableException failed(String what, SQLException e) {
    return new StoreUnavailableException(
        "PostgreSQL store at " + location + ": cannot " + what + ": " + e.getMessage(), e);
  }
}

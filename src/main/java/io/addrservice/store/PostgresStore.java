package io.addrservice.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
      "INSERT INTO entries (id, version, entry, search_terms) VALUES (?, 1, ?::jsonb, ?)";
  private static final String FIND = "SELECT version, entry FROM entries WHERE id = ?";
  private static final String CURRENT_VERSION = "SELECT version FROM entries WHERE id = ?";
  // The version check and the write are one statement, so no other writer can slip in between,
  // whichever instance it runs in; the first parameter says whether the write is unconditional.
  private static final String REPLACE =
      "UPDATE entries SET entry = ?::jsonb, search_terms = ?, version = version + 1,"
          + " updated_at = now()"
          + " WHERE id = ? AND (? OR version = ANY (?)) RETURNING version";
  private static final String REMOVE =
      "DELETE FROM entries WHERE id = ? AND (? OR version = ANY (?)) RETURNING version, entry";
  // The empty string sorts before every id, so "after nothing" needs no second statement.
  private static final String LIST =
      "SELECT id, version, entry FROM entries WHERE id > ? ORDER BY id LIMIT ?";
  // strpos, not LIKE: the search text is a plain substring, so %, _ and \ in it mean themselves.
  private static final String SEARCH =
      "SELECT id, version, entry FROM entries WHERE id > ?"
          + " AND EXISTS (SELECT 1 FROM unnest(search_terms) AS term WHERE strpos(term, ?) > 0)"
          + " ORDER BY id LIMIT ?";
  private static final String COUNT = "SELECT count(*) FROM entries";
  // What readiness asks: the table that every request reads is there and this user may read it.
  // One row at most, by whatever plan is cheapest: it costs about as much as a connection check.
  private static final String PROBE = "SELECT 1 FROM entries LIMIT 1";

  private final DataSource dataSource;
  private final String location;
  private final ObjectMapper json = JsonMapping.newMapper();

  /**
   * Opens the store: brings the schema up to date with {@code flyway} before anything else, so that
   * every instance runs against the schema it was built for. Flyway holds a database lock while it
   * migrates, so instances starting together do not race.
   *
   * @param jdbcUrl the database's JDBC URL, shown (without credentials) in logs and health
   */
  PostgresStore(DataSource dataSource, Flyway flyway, String jdbcUrl) {
    this.dataSource = dataSource;
    this.location = withoutCredentials(jdbcUrl);
    flyway.migrate();
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
  public VersionedEntry insert(String id, AddressEntry entry) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setString(1, id);
      insert.setString(2, toJson(entry));
      insert.setArray(3, searchTerms(connection, entry));
      insert.executeUpdate();
      return new VersionedEntry(id, 1, entry);
    } catch (SQLException e) {
      if (SQLSTATE_UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new IllegalStateException("id already in use: " + id, e);
      }
      throw failed("insert " + id, e);
    }
  }

  @Override
  public Optional<VersionedEntry> find(String id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement find = connection.prepareStatement(FIND)) {
      find.setString(1, id);
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
  public WriteResult replace(String id, AddressEntry entry, VersionMatch expected) {
    String document = toJson(entry);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement replace = connection.prepareStatement(REPLACE)) {
      replace.setString(1, document);
      replace.setArray(2, searchTerms(connection, entry));
      replace.setString(3, id);
      replace.setBoolean(4, expected.unconditional());
      replace.setArray(5, versions(connection, expected));
      while (true) {
        try (ResultSet row = replace.executeQuery()) {
          if (row.next()) {
            return WriteResult.written(new VersionedEntry(id, row.getLong(1), entry));
          }
        }
        Optional<WriteResult> refused = refusal(connection, id, expected);
        if (refused.isPresent()) {
          return refused.get();
        }
      }
    } catch (SQLException e) {
      throw failed("update " + id, e);
    }
  }

  @Override
  public WriteResult remove(String id, VersionMatch expected) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement remove = connection.prepareStatement(REMOVE)) {
      remove.setString(1, id);
      remove.setBoolean(2, expected.unconditional());
      remove.setArray(3, versions(connection, expected));
      while (true) {
        try (ResultSet row = remove.executeQuery()) {
          if (row.next()) {
            return WriteResult.written(
                new VersionedEntry(id, row.getLong(1), fromJson(row.getString(2))));
          }
        }
        Optional<WriteResult> refused = refusal(connection, id, expected);
        if (refused.isPresent()) {
          return refused.get();
        }
      }
    } catch (SQLException e) {
      throw failed("delete " + id, e);
    }
  }

  /**
   * Why a conditional write that changed no row was refused, read after the fact. The answer is one
   * that some moment after the write reflects: the entry absent, or at a version the condition
   * rejects. When the entry has meanwhile reached a version that the condition accepts (another
   * writer got in between), there is no honest refusal, and the caller tries again.
   */
  private static Optional<WriteResult> refusal(
      Connection connection, String id, VersionMatch expected) throws SQLException {
    try (PreparedStatement current = connection.prepareStatement(CURRENT_VERSION)) {
      current.setString(1, id);
      try (ResultSet row = current.executeQuery()) {
        if (!row.next()) {
          return Optional.of(WriteResult.notFound());
        }
        long version = row.getLong(1);
        return expected.matches(version)
            ? Optional.empty()
            : Optional.of(WriteResult.versionMismatch(version));
      }
    }
  }

  @Override
  public List<VersionedEntry> list(String after, int limit, String text) {
    boolean search = text != null;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement list = connection.prepareStatement(search ? SEARCH : LIST)) {
      int parameter = 1;
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

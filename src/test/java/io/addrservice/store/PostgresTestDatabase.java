package io.addrservice.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL database that the postgresql store's tests run against, when one is given: the
 * JDBC URL in the system property {@code test.postgresql.url} (or the environment variable {@code
 * TEST_POSTGRESQL_URL}), the user in {@code test.postgresql.username} / {@code
 * TEST_POSTGRESQL_USERNAME} (default {@code postgres}) and the password in {@code
 * test.postgresql.password} / {@code TEST_POSTGRESQL_PASSWORD} (default none). The tests own the
 * database: they empty its table.
 */
record PostgresTestDatabase(String url, String user, String password) {

  /** Why PostgreSQL tests are skipped when no database is given. */
  static final String NOT_GIVEN =
      "no PostgreSQL database given: set -Dtest.postgresql.url=jdbc:postgresql://HOST:PORT/DB"
          + " (or TEST_POSTGRESQL_URL) to run the postgresql store's tests";

  /** The database given to this test run, if any. */
  static Optional<PostgresTestDatabase> given() {
    return setting("test.postgresql.url")
        .map(
            url ->
                new PostgresTestDatabase(
                    url,
                    setting("test.postgresql.username").orElse("postgres"),
                    setting("test.postgresql.password").orElse("")));
  }

  /** Whether a database is given: the condition of tests that need one before they start. */
  static boolean isGiven() {
    return given().isPresent();
  }

  private static Optional<String> setting(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** A data source that opens a new connection to the database for each request. */
  DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser(user);
    if (!password.isEmpty()) {
      dataSource.setPassword(password);
    }
    return dataSource;
  }

  /** Flyway over the service's own migrations, as the service runs it. */
  Flyway flyway() {
    return Flyway.configure().dataSource(dataSource()).load();
  }

  /**
   * The same database seen through a schema of its own, created empty (and dropped first if a run
   * left it behind), so a test may break its tables without disturbing the others. {@link
   * #dropSchema} removes it.
   */
  PostgresTestDatabase inNewSchema(String schema) throws SQLException {
    dropSchema(schema);
    execute("CREATE SCHEMA " + schema);
    String separator = url.contains("?") ? "&" : "?";
    return new PostgresTestDatabase(url + separator + "currentSchema=" + schema, user, password);
  }

  /** Drops a schema made by {@link #inNewSchema} and everything in it. */
  void dropSchema(String schema) throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** Runs one SQL statement on its own connection. */
  void execute(String sql) throws SQLException {
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Brings the schema up to date and removes every entry. */
  void emptyEntries() throws SQLException {
    flyway().migrate();
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE entries, idempotency_keys");
      statement.execute("UPDATE change_state SET expired_through = 0");
    }
  }
}

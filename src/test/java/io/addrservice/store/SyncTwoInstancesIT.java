package io.addrservice.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.addrservice.api.SyncGuarantee;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The change feed's guarantee across instances: two packaged instances on one PostgreSQL database
 * (the one in {@code test.postgresql.url}), writers writing through both, a client paging through
 * one and a stream open on the other, which sees the first one's writes only by polling. Skipped
 * when no database is given.
 */
class SyncTwoInstancesIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration POLL = Duration.ofMillis(200);

  private static PackagedApp first;
  private static PackagedApp second;

  @BeforeAll
  static void startTwoInstances() throws Exception {
    Optional<PostgresTestDatabase> given = PostgresTestDatabase.given();
    assumeTrue(given.isPresent(), PostgresTestDatabase.NOT_GIVEN);
    PostgresTestDatabase database = given.orElseThrow();
    first = start("first", database);
    second = start("second", database);
    first.awaitReady(HTTP);
    second.awaitReady(HTTP);
  }

  private static PackagedApp start(String name, PostgresTestDatabase database) {
    List<String> options = new ArrayList<>();
    options.add("-Daddrservice.store.kind=postgresql");
    options.add("-Daddrservice.changes.poll-interval=" + POLL.toMillis() + "ms");
    options.add("-Dquarkus.datasource.jdbc.url=" + database.url());
    options.add("-Dquarkus.datasource.username=" + database.user());
    if (!database.password().isEmpty()) {
      options.add("-Dquarkus.datasource.password=" + database.password());
    }
    Path work = Path.of("target", "sync-two-instances-" + name);
    return PackagedApp.start(
        options, work, Path.of("target", "sync-two-instances-" + name + ".log"));
  }

  @AfterAll
  static void stopInstances() {
    for (PackagedApp instance : new PackagedApp[] {first, second}) {
      if (instance != null) {
        instance.close();
      }
    }
  }

  @Test
  void underWritersOnBothInstancesPagesAndAStreamOnEitherEndEqualToTheBook() throws Exception {
    SyncGuarantee.run(
        HTTP,
        List.of(first.uri("/"), second.uri("/")),
        first.uri("/"),
        second.uri("/"),
        System.nanoTime(),
        Duration.ofSeconds(20));
  }
}

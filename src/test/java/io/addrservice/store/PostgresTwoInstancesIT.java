package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service ({@code target/quarkus-app/quarkus-run.jar}) on one
 * PostgreSQL database, the database given in {@code test.postgresql.url} (see {@link
 * PostgresTestDatabase}): they see each other's writes, and conditional writes through both lose no
 * update. Skipped when no database is given.
 */
class PostgresTwoInstancesIT {
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int ROUNDS = 10;
  private static final int WRITERS = 8;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static ServiceProcess first;
  private static ServiceProcess second;

  @BeforeAll
  static void startTwoInstances() throws Exception {
    Optional<PostgresTestDatabase> database = PostgresTestDatabase.given();
    assumeTrue(database.isPresent(), PostgresTestDatabase.NOT_GIVEN);
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run ./mvnw verify, which packages it");
    // Both start at once, on purpose: their schema migrations must not trip over each other.
    first = ServiceProcess.start("first", database.orElseThrow());
    second = ServiceProcess.start("second", database.orElseThrow());
    first.awaitReady();
    second.awaitReady();
  }

  @AfterAll
  static void stopInstances() throws InterruptedException {
    for (ServiceProcess instance : new ServiceProcess[] {first, second}) {
      if (instance != null) {
        instance.stop();
      }
    }
  }

  @Test
  void eachInstanceSeesTheOthersWrites() throws Exception {
    String path = first.create("{\"full_name\": \"Ada Lovelace\"}");

    HttpResponse<String> read = second.send(get(second, path));
    assertEquals(200, read.statusCode(), read.body());
    assertTrue(read.body().contains("\"Ada Lovelace\""), read.body());
    assertEquals("\"1\"", read.headers().firstValue("ETag").orElseThrow());

    HttpResponse<String> replaced =
        second.send(put(second, path, "\"1\"", "{\"full_name\": \"Ada King\"}"));
    assertEquals(204, replaced.statusCode(), replaced.body());
    HttpResponse<String> reread = first.send(get(first, path));
    assertTrue(reread.body().contains("\"Ada King\""), reread.body());
    assertEquals("\"2\"", reread.headers().firstValue("ETag").orElseThrow());

    HttpResponse<String> listed = second.send(get(second, "/addresses?q=ada%20king"));
    assertTrue(listed.body().contains(path.substring(path.lastIndexOf('/') + 1)), listed.body());

    HttpResponse<String> deleted =
        first.send(HttpRequest.newBuilder(first.uri(path)).DELETE().build());
    assertEquals(204, deleted.statusCode(), deleted.body());
    assertEquals(404, second.send(get(second, path)).statusCode());
  }

  @Test
  void conditionalWritesThroughBothInstancesLoseNoUpdate() throws Exception {
    String path = first.create("{\"full_name\": \"round 0\"}");
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      String lastWinner = null;
      for (int round = 1; round <= ROUNDS; round++) {
        String etag = "\"" + round + "\"";
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
          ServiceProcess via = writer % 2 == 0 ? first : second;
          String name = "round " + round + " writer " + writer;
          HttpRequest request = put(via, path, etag, "{\"full_name\": \"" + name + "\"}");
          statuses.add(
              pool.submit(
                  () -> {
                    go.await();
                    return via.send(request).statusCode();
                  }));
        }
        go.countDown();
        int written = 0;
        for (int writer = 0; writer < WRITERS; writer++) {
          int status = statuses.get(writer).get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          if (status == 204) {
            written++;
            lastWinner = "round " + round + " writer " + writer;
          } else {
            assertEquals(412, status, "round " + round + ", writer " + writer);
          }
        }
        assertEquals(1, written, "exactly one conditional write per version, round " + round);
      }
      HttpResponse<String> last = second.send(get(second, path));
      assertEquals("\"" + (ROUNDS + 1) + "\"", last.headers().firstValue("ETag").orElseThrow());
      assertTrue(last.body().contains("\"" + lastWinner + "\""), last.body());
    } finally {
      pool.shutdownNow();
    }
  }

  private static HttpRequest get(ServiceProcess via, String path) {
    return HttpRequest.newBuilder(via.uri(path)).timeout(REQUEST_TIMEOUT).GET().build();
  }

  private static HttpRequest put(ServiceProcess via, String path, String ifMatch, String json) {
    return HttpRequest.newBuilder(via.uri(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("If-Match", ifMatch)
        .PUT(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  /** One service instance running the packaged jar as a child process, logging to a file. */
  private record ServiceProcess(String name, int port, Process process, Path log) {

    static ServiceProcess start(String name, PostgresTestDatabase database) throws IOException {
      int port = freePort();
      Path log = Path.of("target", "postgres-two-instances-" + name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Dquarkus.http.port=" + port,
              "-Daddrservice.store.kind=postgresql",
              "-Dquarkus.datasource.jdbc.url=" + database.url(),
              "-Dquarkus.datasource.username=" + database.user(),
              "-jar",
              JAR.toString());
      if (!database.password().isEmpty()) {
        // Through the environment, so the password does not show in the process list.
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", database.password());
      }
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      return new ServiceProcess(name, port, builder.start(), log);
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Posts an entry and returns its path from the Location header. */
    String create(String json) throws IOException, InterruptedException {
      HttpResponse<String> created =
          send(
              HttpRequest.newBuilder(uri("/addresses"))
                  .timeout(REQUEST_TIMEOUT)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json))
                  .build());
      assertEquals(201, created.statusCode(), created.body());
      return URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    }

    void awaitReady() throws IOException, InterruptedException {
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          fail("the " + name + " instance exited at start:\n" + Files.readString(log));
        }
        try {
          if (send(get(this, "/q/health/ready")).statusCode() == 200) {
            return;
          }
        } catch (IOException notListeningYet) {
          // Still starting: try again shortly.
        }
        Thread.sleep(250);
      }
      fail("the " + name + " instance was not ready within " + START_TIMEOUT + ", see " + log);
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}

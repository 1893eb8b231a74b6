package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.JsonMapping;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash test against the packaged jar: 8 threads write (POST, PUT and DELETE with If-Match) while
 * the process is killed with SIGKILL; after each restart every acknowledged write must be there,
 * intact, at its acknowledged version (or at the next one when a later write was in flight).
 *
 * <p>Runs on the file engine always, and on PostgreSQL when {@code -Dtest.postgresql.url} gives a
 * JDBC URL ({@code -Dtest.postgresql.username}, default postgres, and {@code
 * -Dtest.postgresql.password} optional). Run it alone with {@code ./mvnw verify
 * -Dit.test=CrashRecoveryIT}.
 */
class CrashRecoveryIT {
  private static final int THREADS = 8;
  private static final int KILL_CYCLES = 3;
  private static final ObjectMapper JSON = JsonMapping.newMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration KILL_WITHIN = Duration.ofSeconds(60);

  private static HttpClient http;
  private static ExecutorService pool;

  @BeforeAll
  static void client() {
    pool = Executors.newFixedThreadPool(THREADS);
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  @AfterAll
  static void shutdown() {
    pool.shutdownNow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"file", "postgresql"})
  void noAcknowledgedWriteIsLostWhenTheProcessIsKilled(String engine) throws Exception {
    Path work = Path.of("target", "crash-test", engine).toAbsolutePath();
    deleteRecursively(work);
    Files.createDirectories(work);
    List<String> options = storeOptions(engine, work.resolve("data"));
    List<Writer> writers = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      writers.add(new Writer(i, new Random(31L * i + engine.hashCode())));
    }
    Random timing = new Random();
    PackagedApp app = PackagedApp.start(options, work, work.resolve("app-0.log")).awaitReady(http);
    List<String> report = new ArrayList<>();
    for (int cycle = 1; cycle <= KILL_CYCLES; cycle++) {
      AtomicBoolean stop = new AtomicBoolean();
      List<Future<?>> running = new ArrayList<>();
      for (Writer writer : writers) {
        writer.startCycle();
        PackagedApp target = app;
        running.add(pool.submit(() -> writer.run(target, stop)));
      }
      // Somewhere in the middle of the load, at a different point every cycle; never before the
      // writers together have the acknowledged writes that make the cycle mean anything (the
      // assertion below), however slow the machine.
      Thread.sleep(2_000 + timing.nextInt(2_000));
      app.killOnceAcknowledged(
          () -> writers.stream().mapToInt(w -> w.acknowledged).sum(), THREADS, KILL_WITHIN);
      stop.set(true);
      for (Future<?> writer : running) {
        writer.get(60, TimeUnit.SECONDS);
      }

      app =
          PackagedApp.start(options, work, work.resolve("app-" + cycle + ".log")).awaitReady(http);
      List<String> lost = new ArrayList<>();
      for (Writer writer : writers) {
        writer.verify(app, lost);
      }
      int acknowledged = writers.stream().mapToInt(w -> w.acknowledged).sum();
      int inFlight = writers.stream().mapToInt(w -> w.inFlight).sum();
      List<String> unexpected = new ArrayList<>();
      writers.forEach(w -> unexpected.addAll(w.unexpected));
      String figures =
          String.format(
              Locale.ROOT,
              "%s, kill %d of %d: %d writes acknowledged, %d in flight at the kill, %d lost",
              engine,
              cycle,
              KILL_CYCLES,
              acknowledged,
              inFlight,
              lost.size());
      System.out.println(figures);
      report.add(figures);
      assertEquals(List.of(), unexpected, "answers other than the expected success: " + figures);
      assertEquals(List.of(), lost, figures);
      assertTrue(acknowledged >= THREADS, "too little load to mean anything: " + figures);
      if (engine.equals("file")) {
        assertEquals(List.of(), tempFiles(work.resolve("data")), "temp files after restart");
      }
    }
    app.close();
    System.out.println(String.join("\n", report));
  }

  /** The -D options that choose and configure the engine: nothing else is needed. */
  static List<String> storeOptions(String engine, Path dataDir) {
    if (engine.equals("file")) {
      return List.of("-Daddrservice.store.kind=file", "-Daddrservice.store.file.dir=" + dataDir);
    }
    String url = System.getProperty("test.postgresql.url", "");
    assumeTrue(!url.isBlank(), "no -Dtest.postgresql.url: the PostgreSQL crash test is skipped");
    List<String> options = new ArrayList<>();
    options.add("-Daddrservice.store.kind=postgresql");
    options.add("-Dquarkus.datasource.jdbc.url=" + url);
    options.add(
        "-Dquarkus.datasource.username="
            + System.getProperty("test.postgresql.username", "postgres"));
    String password = System.getProperty("test.postgresql.password", "");
    if (!password.isEmpty()) {
      options.add("-Dquarkus.datasource.password=" + password);
    }
    return options;
  }

  /** One load thread; it owns the entries it creates, so it knows their exact expected state. */
  private static final class Writer {
    private final int number;
    private final Random random;
    private final List<Tracked> owned = new ArrayList<>();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private int sequence;
    // Counted by the writer's own thread, read by the test's thread to time the kill.
    private volatile int acknowledged;
    private int inFlight;

    Writer(int number, Random random) {
      this.number = number;
      this.random = random;
    }

    void startCycle() {
      acknowledged = 0;
      inFlight = 0;
    }

    /** Writes until a request fails to get an answer (the process is gone) or stop is set. */
    void run(PackagedApp app, AtomicBoolean stop) {
      while (!stop.get()) {
        List<Tracked> live = owned.stream().filter(t -> !t.deleted).toList();
        double dice = random.nextDouble();
        Tracked target = live.isEmpty() ? null : live.get(random.nextInt(live.size()));
        String body = body(number, ++sequence);
        try {
          if (target == null || live.size() < 4 || dice < 0.3) {
            create(app, body);
          } else if (dice < 0.92) {
            update(app, target, body);
          } else {
            delete(app, target);
          }
        } catch (IOException noAnswer) {
          // The process died under this request: it may or may not have been applied.
          inFlight++;
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private void create(PackagedApp app, String body) throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              json(app, "/addresses").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        unexpected.add("POST answered " + response.statusCode() + ": " + response.body());
        return;
      }
      String location = response.headers().firstValue("Location").orElseThrow();
      Tracked created = new Tracked(location.substring(location.lastIndexOf('/') + 1));
      created.version = version(response);
      created.body = body;
      owned.add(created);
      acknowledged++;
    }

    private void update(PackagedApp app, Tracked target, String body)
        throws IOException, InterruptedException {
      target.pendingBody = body;
      HttpResponse<String> response =
          http.send(
              json(app, "/addresses/" + target.id)
                  .header("If-Match", "\"" + target.version + "\"")
                  .PUT(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      target.pendingBody = null;
      if (response.statusCode() != 204) {
        unexpected.add(
            "PUT " + target.id + " answered " + response.statusCode() + ": " + response.body());
        return;
      }
      target.version = version(response);
      target.body = body;
      acknowledged++;
    }

    private void delete(PackagedApp app, Tracked target) throws IOException, InterruptedException {
      target.pendingDelete = true;
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(app.uri("/addresses/" + target.id))
                  .timeout(REQUEST_TIMEOUT)
                  .header("If-Match", "\"" + target.version + "\"")
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      target.pendingDelete = false;
      if (response.statusCode() != 204) {
        unexpected.add(
            "DELETE " + target.id + " answered " + response.statusCode() + ": " + response.body());
        return;
      }
      target.deleted = true;
      acknowledged++;
    }

    /**
     * Checks every owned entry after a restart and takes what is found as the new known state (a
     * write in flight at the kill may have landed or not; either is correct).
     */
    void verify(PackagedApp app, List<String> lost) throws IOException, InterruptedException {
      for (Tracked tracked : owned) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(app.uri("/addresses/" + tracked.id))
                    .timeout(REQUEST_TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (tracked.deleted) {
          if (response.statusCode() != 404) {
            lost.add(tracked.id + ": acknowledged DELETE undone, " + response.statusCode());
          }
          continue;
        }
        if (response.statusCode() == 404 && tracked.pendingDelete) {
          tracked.deleted = true;
        } else if (response.statusCode() != 200) {
          lost.add(tracked.id + " v" + tracked.version + ": answered " + response.statusCode());
        } else {
          long found = version(response);
          JsonNode content = JSON.readTree(response.body());
          if (found == tracked.version && content.equals(JSON.readTree(tracked.body))) {
            // As acknowledged.
          } else if (tracked.pendingBody != null
              && found == tracked.version + 1
              && content.equals(JSON.readTree(tracked.pendingBody))) {
            tracked.version = found;
            tracked.body = tracked.pendingBody;
          } else {
            lost.add(
                tracked.id
                    + ": acknowledged v"
                    + tracked.version
                    + " "
                    + tracked.body
                    + ", found v"
                    + found
                    + " "
                    + response.body());
          }
        }
        tracked.pendingBody = null;
        tracked.pendingDelete = false;
      }
    }

    private static HttpRequest.Builder json(PackagedApp app, String path) {
      return HttpRequest.newBuilder(app.uri(path))
          .timeout(REQUEST_TIMEOUT)
          .header("Content-Type", "application/json");
    }

    private static long version(HttpResponse<?> response) {
      String etag = response.headers().firstValue("ETag").orElseThrow();
      return Long.parseLong(etag.replace("\"", ""));
    }
  }

  /** What one thread knows of one of its entries. */
  private static final class Tracked {
    final String id;
    long version;
    String body;
    boolean deleted;
    String pendingBody;
    boolean pendingDelete;

    Tracked(String id) {
      this.id = id;
    }
  }

  /** A body unique to this write, with values whose exact form must survive. */
  private static String body(int writer, int sequence) {
    return String.format(
        Locale.ROOT,
        """
        {"full_name": "Crash %1$d-%2$d Zoë 山田 🌍",
         "addresses": [{"kind": "home", "building_name": "Block %2$d", "unit_number": %2$d.50,
           "street_number": "%1$d", "street_name": "Main Street", "city": "Pune",
           "pincode": "4110%1$02d", "country": "IN"}],
         "phone_numbers": [{"kind": "work", "country_code": 91, "local_number": %3$d}],
         "fax_numbers": [],
         "emails": [{"kind": "home", "email": "w%1$d.s%2$d@example.org"}]}
        """,
        writer,
        sequence,
        9_000_000_000L + sequence);
  }

  private static List<Path> tempFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}

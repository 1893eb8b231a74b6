package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.JsonMapping;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Merges under kill -9, against the packaged jar: threads merge triples of entries (a target and
 * two sources) while the process is killed with SIGKILL. After the restart every triple is either
 * untouched (three entries, each with its own e-mail) or merged whole (the target with the three
 * e-mails, the sources gone), and every acknowledged merge is merged. File engine always,
 * PostgreSQL with {@code -Dtest.postgresql.url} (see {@link CrashRecoveryIT}).
 */
class MergeCrashIT {
  private static final int THREADS = 8;
  private static final int TRIPLES = 400;
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

  /** A target and its two sources, each created with one e-mail of its own. */
  private record Triple(String target, String first, String second, List<String> emails) {}

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"file", "postgresql"})
  void aMergeIsNothingOrEverythingWhenTheProcessIsKilled(String engine) throws Exception {
    Path work = Path.of("target", "merge-crash-test", engine).toAbsolutePath();
    CrashRecoveryIT.deleteRecursively(work);
    java.nio.file.Files.createDirectories(work);
    List<String> options = CrashRecoveryIT.storeOptions(engine, work.resolve("data"));
    PackagedApp app = PackagedApp.start(options, work, work.resolve("app-0.log")).awaitReady(http);
    String run = Long.toString(System.nanoTime(), 36);
    List<Triple> triples = createTriples(app, run);

    Set<Triple> acknowledged = Collections.synchronizedSet(new java.util.HashSet<>());
    List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    PackagedApp killed = app;
    for (int t = 0; t < THREADS; t++) {
      running.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement();
                    i < triples.size();
                    i = next.getAndIncrement()) {
                  Triple triple = triples.get(i);
                  try {
                    HttpResponse<String> answer = merge(killed, triple);
                    if (answer.statusCode() == 200) {
                      acknowledged.add(triple);
                    } else {
                      unexpected.add(answer.statusCode() + " " + answer.body());
                    }
                  } catch (IOException noAnswer) {
                    inFlight.incrementAndGet();
                    return null;
                  }
                }
                return null;
              }));
    }
    // After a different number of acknowledged merges every run, however slow the machine.
    app.killOnceAcknowledged(acknowledged::size, 1 + new Random().nextInt(60), KILL_WITHIN);
    for (Future<?> thread : running) {
      thread.get(60, TimeUnit.SECONDS);
    }

    app = PackagedApp.start(options, work, work.resolve("app-1.log")).awaitReady(http);
    int merged = 0;
    List<String> broken = new ArrayList<>();
    for (Triple triple : triples) {
      JsonNode target = read(app, triple.target());
      boolean firstGone = read(app, triple.first()) == null;
      boolean secondGone = read(app, triple.second()) == null;
      List<String> emails = emails(target);
      if (firstGone && secondGone && emails.equals(triple.emails())) {
        merged++;
      } else if (acknowledged.contains(triple)
          || firstGone
          || secondGone
          || !emails.equals(triple.emails().subList(0, 1))) {
        broken.add(
            triple + ": target " + emails + ", sources gone " + firstGone + "/" + secondGone);
      }
    }
    app.close();
    String figures =
        String.format(
            Locale.ROOT,
            "%s: %d merges acknowledged, %d in flight at the kill, %d merged after the restart, %d"
                + " half-merged",
            engine,
            acknowledged.size(),
            inFlight.get(),
            merged,
            broken.size());
    System.out.println(figures);
    assertEquals(List.of(), unexpected, figures);
    assertEquals(List.of(), broken, figures);
    assertTrue(merged >= acknowledged.size(), figures);
    assertTrue(!acknowledged.isEmpty(), "too little load to mean anything: " + figures);
  }

  private static List<Triple> createTriples(PackagedApp app, String run) throws Exception {
    List<Future<Triple>> made = new ArrayList<>();
    for (int i = 0; i < TRIPLES; i++) {
      int number = i;
      made.add(
          pool.submit(
              () -> {
                List<String> emails = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                  String email = "m" + number + "-" + k + "-" + run + "@crash.example";
                  emails.add(email);
                  ids.add(create(app, "T" + number + " " + k, email));
                }
                return new Triple(ids.get(0), ids.get(1), ids.get(2), emails);
              }));
    }
    List<Triple> triples = new ArrayList<>();
    for (Future<Triple> triple : made) {
      triples.add(triple.get(120, TimeUnit.SECONDS));
    }
    return triples;
  }

  private static String create(PackagedApp app, String name, String email) throws Exception {
    String body =
        "{\"full_name\": \""
            + name
            + "\", \"emails\": [{\"kind\": \"home\", \"email\": \""
            + email
            + "\"}]}";
    HttpResponse<String> response =
        http.send(
            json(app, "/addresses").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response.body());
    String location = response.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static HttpResponse<String> merge(PackagedApp app, Triple triple)
      throws IOException, InterruptedException {
    String body = "{\"from\": [\"" + triple.first() + "\", \"" + triple.second() + "\"]}";
    return http.send(
        json(app, "/addresses/" + triple.target() + "/merge")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The entry, or null when it is not found. */
  private static JsonNode read(PackagedApp app, String id) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(app.uri("/addresses/" + id)).timeout(REQUEST_TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return null;
    }
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private static List<String> emails(JsonNode entry) {
    if (entry == null) {
      return List.of();
    }
    List<String> emails = new ArrayList<>();
    entry.path("emails").forEach(e -> emails.add(e.path("email").asText()));
    return emails.stream().collect(Collectors.toList());
  }

  private static HttpRequest.Builder json(PackagedApp app, String path) {
    return HttpRequest.newBuilder(app.uri(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json");
  }
}

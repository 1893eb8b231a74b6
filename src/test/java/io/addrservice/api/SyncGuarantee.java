package io.addrservice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The change feed's guarantee (never a missed change), tried at random: while writers create,
 * update and delete entries through one or more instances, a client that starts with a full sync
 * and applies every page, and another that applies every event of a stream (dropping its connection
 * and resuming with Last-Event-ID on the way), each end with exactly the book's entries and
 * versions.
 */
public final class SyncGuarantee {
  private static final int SEEDED = 30;
  private static final int WRITERS = 4;
  private static final int WRITES_EACH = 80;
  private static final int PAGE = 7;

  private SyncGuarantee() {}

  /**
   * Runs it.
   *
   * @param writeVia the instances the writers write through, in turn
   * @param pagesVia the instance the page client syncs through
   * @param streamVia the instance the stream client listens to
   * @param settle how long the stream may take to show the last writes (a poll interval or so)
   */
  public static void run(
      HttpClient http, List<URI> writeVia, URI pagesVia, URI streamVia, long seed, Duration settle)
      throws Exception {
    Random random = new Random(seed);
    List<String> ids = new CopyOnWriteArrayList<>();
    for (int i = 0; i < SEEDED; i++) {
      ids.add(create(http, writeVia.get(i % writeVia.size()), "seed " + i));
    }
    SyncClient pages = new SyncClient(http);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try (SyncClient.EventStream stream = new SyncClient.EventStream(http, streamVia, null)) {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        long writerSeed = random.nextLong();
        writers.add(pool.submit(() -> write(http, writeVia, ids, new Random(writerSeed))));
      }
      // The full sync runs while the writers write, and then the client keeps up page by page.
      pages.fullSync(pagesVia, PAGE);
      int reconnects = 0;
      while (!allDone(writers)) {
        pages.sync(pagesVia, PAGE);
        // The first resumption comes halfway through the stream's own full sync.
        if (reconnects < 3 && stream.events() > SEEDED / 2 + 40 * reconnects) {
          stream.reconnect();
          reconnects++;
        }
        Thread.sleep(random.nextInt(20));
      }
      for (Future<?> writer : writers) {
        writer.get(2, TimeUnit.MINUTES);
      }
      if (reconnects == 0) {
        // The writers were done before the loop could resume the stream: resume it now, so that
        // every run checks Last-Event-ID.
        stream.reconnect();
        reconnects++;
      }
      pages.sync(pagesVia, PAGE);
      Map<String, Long> book = SyncClient.book(http, pagesVia);
      assertTrue(book.size() > 10, "the writers left a book to compare: " + book.size());
      assertEquals(book, pages.copy(), "the page client's copy, seed " + seed);
      // One more sync finds nothing new.
      Map<String, Long> before = Map.copyOf(pages.copy());
      pages.sync(pagesVia, PAGE);
      assertEquals(before, pages.copy());

      SyncClient.await(settle.plusSeconds(10), () -> book.equals(stream.copy()));
      assertNull(stream.failure(), "the stream client failed");
      assertEquals(book, stream.copy(), "the stream client's copy, seed " + seed);
      assertTrue(reconnects > 0, "the stream was resumed with Last-Event-ID at least once");
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean allDone(List<Future<?>> writers) {
    return writers.stream().allMatch(Future::isDone);
  }

  private static void write(HttpClient http, List<URI> via, List<String> ids, Random random) {
    for (int i = 0; i < WRITES_EACH; i++) {
      URI base = via.get(random.nextInt(via.size()));
      int dice = random.nextInt(10);
      // Creates and deletes are as likely: a book that shrank to half its seed grows again, so
      // that whatever the seed there is a book left to compare.
      // One snapshot of the ids: the other writers add and remove them meanwhile.
      String[] known = ids.toArray(String[]::new);
      if (dice < 3 || known.length == 0 || (dice >= 7 && known.length <= SEEDED / 2)) {
        ids.add(create(http, base, "created " + random.nextInt(1000)));
        continue;
      }
      String id = known[random.nextInt(known.length)];
      URI entry = base.resolve("/addresses/" + id);
      HttpResponse<String> done;
      if (dice < 7) {
        done =
            SyncClient.send(
                http,
                HttpRequest.newBuilder(entry)
                    .header("Content-Type", "application/json")
                    .PUT(body("updated " + random.nextInt(1000)))
                    .build());
      } else {
        done = SyncClient.send(http, HttpRequest.newBuilder(entry).DELETE().build());
        ids.remove(id);
      }
      // Another writer may have deleted it first.
      assertTrue(
          done.statusCode() == 204 || done.statusCode() == 200 || done.statusCode() == 404,
          done.statusCode() + " " + done.body());
    }
  }

  private static String create(HttpClient http, URI base, String name) {
    HttpResponse<String> created =
        SyncClient.send(
            http,
            HttpRequest.newBuilder(base.resolve("/addresses"))
                .header("Content-Type", "application/json")
                .POST(body(name))
                .build());
    assertEquals(201, created.statusCode(), created.body());
    String location = created.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static HttpRequest.BodyPublisher body(String name) {
    return HttpRequest.BodyPublishers.ofString("{\"full_name\": \"" + name + "\"}");
  }
}

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Issue 17's stream goals: STREAMS change streams (GET /addresses/changes, text/event-stream) open
 * on one service, the service's resident memory before and after they open, then WRITES updates
 * of one entry, one at a time, each to reach every stream: the time from a write's acknowledgement
 * (its 204) to the event at each client, as percentiles over every write and stream. An event that
 * arrives before the acknowledgement counts as 0 ms.
 *
 * <p>Usage: {@code java bench/StreamFanout.java BASE_URL SERVICE_PID STREAMS WRITES}. Run by
 * bench/sync.sh; it prints one line of {@code key=value} fields.
 */
public class StreamFanout {
  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    long pid = Long.parseLong(args[1]);
    int streams = Integer.parseInt(args[2]);
    int writes = Integer.parseInt(args[3]);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    String entry = create(http, base);
    // The token after the entry: every stream starts there and sees only the writes below.
    String since = token(http, base);
    long rssBefore = rssKb(pid);

    // arrivals[w * streams + s]: when stream s got write w's event (System.nanoTime), 0 if not yet.
    AtomicLongArray arrivals = new AtomicLongArray(writes * streams);
    CountDownLatch open = new CountDownLatch(streams);
    AtomicInteger failed = new AtomicInteger();
    List<CountDownLatch> delivered = new ArrayList<>();
    for (int w = 0; w < writes; w++) {
      delivered.add(new CountDownLatch(streams));
    }
    for (int s = 0; s < streams; s++) {
      int stream = s;
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/addresses/changes?since=" + since))
              .header("Accept", "text/event-stream")
              .build();
      http.sendAsync(
              request,
              HttpResponse.BodyHandlers.fromLineSubscriber(
                  new Lines(line -> {
                    int at = line.indexOf("\"full_name\":\"write ");
                    if (at >= 0) {
                      int w = Integer.parseInt(
                          line.substring(at + 19, line.indexOf('"', at + 19)));
                      if (arrivals.compareAndSet(w * streams + stream, 0, System.nanoTime())) {
                        delivered.get(w).countDown();
                      }
                    }
                  })))
          .whenComplete(
              (response, error) -> {
                if (error != null || response.statusCode() != 200) {
                  failed.incrementAndGet();
                }
              });
    }
    // The streams are open once the service counts them.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (openStreams(http, base) < streams && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    int opened = openStreams(http, base);
    Thread.sleep(1000);
    long rssOpen = rssKb(pid);

    long[] acks = new long[writes];
    int missing = 0;
    for (int w = 0; w < writes; w++) {
      HttpResponse<String> put =
          http.send(
              HttpRequest.newBuilder(base.resolve("/addresses/" + entry))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"full_name\":\"write " + w + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      acks[w] = System.nanoTime();
      if (put.statusCode() != 204) {
        throw new IllegalStateException("PUT answered " + put.statusCode() + ": " + put.body());
      }
      // Every stream has the write before the next: each write is measured alone.
      if (!delivered.get(w).await(10, TimeUnit.SECONDS)) {
        missing += (int) delivered.get(w).getCount();
      }
    }
    long[] latencies = new long[writes * streams];
    int n = 0;
    for (int w = 0; w < writes; w++) {
      for (int s = 0; s < streams; s++) {
        long arrived = arrivals.get(w * streams + s);
        if (arrived != 0) {
          latencies[n++] = Math.max(0, arrived - acks[w]);
        }
      }
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    System.out.printf(
        "streams=%d opened=%d failed=%d writes=%d events=%d missing=%d rss_before_mb=%.1f"
            + " rss_open_mb=%.1f rss_per_stream_kb=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
        streams,
        opened,
        failed.get(),
        writes,
        n,
        missing,
        rssBefore / 1024.0,
        rssOpen / 1024.0,
        (rssOpen - rssBefore) / (double) Math.max(1, opened),
        ms(sorted, 0.50),
        ms(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    System.exit(0);
  }

  private static double ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static String create(HttpClient http, URI base) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(base.resolve("/addresses"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"full_name\":\"fan-out\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = created.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** The token after the last change: the last page of a full sync. */
  private static String token(HttpClient http, URI base) throws Exception {
    String next = null;
    String url = "/addresses/changes?limit=1000";
    while (true) {
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(base.resolve(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      String body = page.body();
      int at = body.lastIndexOf("\"next\":\"");
      next = body.substring(at + 8, body.indexOf('"', at + 8));
      if (page.headers().firstValue("Link").isEmpty()) {
        return next;
      }
      url = "/addresses/changes?limit=1000&since=" + next;
    }
  }

  private static int openStreams(HttpClient http, URI base) throws Exception {
    String metrics =
        http.send(
                HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("addrservice_changes_streams ")) {
        return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    return -1;
  }

  private static long rssKb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Hands every line to a consumer, taking all that comes. */
  private record Lines(java.util.function.Consumer<String> each) implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      each.accept(line);
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}

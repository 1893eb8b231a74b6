import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * <p>WARMUP (default 0) more writes may go first, made and waited for in the same way: the service
 * compiles its stream path while it serves them (the JIT's threads share the cores with it), so
 * that the first writes after the streams open are slower than the rest. They are reported apart
 * ({@code warmup_*}) and are not in the other figures, the CPU time per write included.
 *
 * <p>Usage: {@code java bench/StreamFanout.java BASE_URL SERVICE_PID STREAMS WRITES [WARMUP]}. Run
 * by bench/sync.sh; it prints one line of {@code key=value} fields.
 */
public class StreamFanout {
  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    long pid = Long.parseLong(args[1]);
    int streams = Integer.parseInt(args[2]);
    int writes = Integer.parseInt(args[3]);
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    int total = warmup + writes;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    String entry = create(http, base);
    // The token after the entry: every stream starts there and sees only the writes below.
    String since = token(http, base);
    long rssBefore = rssKb(pid);

    // arrivals[w * streams + s]: when stream s got write w's event (System.nanoTime), 0 if not yet;
    // the warm-up's writes first.
    AtomicLongArray arrivals = new AtomicLongArray(total * streams);
    List<CountDownLatch> delivered = new ArrayList<>();
    for (int w = 0; w < total; w++) {
      delivered.add(new CountDownLatch(streams));
    }
    StreamReader reader =
        new StreamReader(base, since, streams, (stream, w) -> {
          if (w < total && arrivals.compareAndSet(w * streams + stream, 0, System.nanoTime())) {
            delivered.get(w).countDown();
          }
        });
    Thread readerThread = new Thread(reader, "streams");
    readerThread.setDaemon(true);
    readerThread.start();
    // The streams are open once the service counts them.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (openStreams(http, base) < streams && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    int opened = openStreams(http, base);
    Thread.sleep(1000);
    long rssOpen = rssKb(pid);

    long cpuBefore = 0;
    long[] acks = new long[total];
    int missing = 0;
    int warmupMissing = 0;
    for (int w = 0; w < total; w++) {
      if (w == warmup) {
        cpuBefore = cpuTicks(pid);
      }
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
        if (w < warmup) {
          warmupMissing += (int) delivered.get(w).getCount();
        } else {
          missing += (int) delivered.get(w).getCount();
        }
      }
    }
    long cpuAfter = cpuTicks(pid);
    long[] warm = latencies(arrivals, acks, streams, 0, warmup);
    long[] sorted = latencies(arrivals, acks, streams, warmup, total);
    if (warmup > 0) {
      System.out.printf(
          "warmup_writes=%d warmup_events=%d warmup_missing=%d warmup_p50_ms=%.2f"
              + " warmup_p99_ms=%.2f warmup_max_ms=%.2f ",
          warmup,
          warm.length,
          warmupMissing,
          ms(warm, 0.50),
          ms(warm, 0.99),
          warm.length == 0 ? 0 : warm[warm.length - 1] / 1e6);
    }
    System.out.printf(
        "streams=%d opened=%d failed=%d writes=%d events=%d missing=%d rss_before_mb=%.1f"
            + " rss_open_mb=%.1f rss_per_stream_kb=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
            + " service_cpu_ms_per_write=%.1f%n",
        streams,
        opened,
        reader.failed.get(),
        writes,
        sorted.length,
        missing,
        rssBefore / 1024.0,
        rssOpen / 1024.0,
        (rssOpen - rssBefore) / (double) Math.max(1, opened),
        ms(sorted, 0.50),
        ms(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
        (cpuAfter - cpuBefore) * 10.0 / writes);
    System.exit(0);
  }

  /** The sorted latencies (ns) of writes {@code from} to {@code to} (excluded) at every stream. */
  private static long[] latencies(
      AtomicLongArray arrivals, long[] acks, int streams, int from, int to) {
    long[] latencies = new long[(to - from) * streams];
    int n = 0;
    for (int w = from; w < to; w++) {
      for (int s = 0; s < streams; s++) {
        long arrived = arrivals.get(w * streams + s);
        if (arrived != 0) {
          latencies[n++] = Math.max(0, arrived - acks[w]);
        }
      }
    }
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    return sorted;
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

  /** The service's CPU time so far (user and system), in clock ticks (10 ms each on Linux). */
  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long rssKb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** What a stream saw: write {@code w}'s event reached stream {@code stream}. */
  private interface Arrival {
    void seen(int stream, int w);
  }

  /**
   * The clients of every stream on one thread: non-blocking sockets under one selector, each
   * sending the stream's request and then scanning what arrives for the writes' full names. As
   * light a client as can be, so that on a machine shared with the service the figures are the
   * service's: 1,000 clients would be 1,000 machines. A stream whose answer is not a 200, or that
   * ends, counts as failed.
   */
  private static final class StreamReader implements Runnable {
    private static final String MARK = "\"full_name\":\"write ";

    final AtomicInteger failed = new AtomicInteger();
    private final InetSocketAddress address;
    private final byte[] request;
    private final int streams;
    private final Arrival arrival;

    StreamReader(URI base, String since, int streams, Arrival arrival) {
      this.address = new InetSocketAddress(base.getHost(), base.getPort());
      this.request =
          ("GET /addresses/changes?since=" + since + " HTTP/1.1\r\nHost: " + base.getAuthority()
                  + "\r\nAccept: text/event-stream\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      this.streams = streams;
      this.arrival = arrival;
    }

    /** One stream's connection: its number, and the text after its last complete mark. */
    private static final class Stream {
      final int number;
      String carry = "";
      boolean answered;

      Stream(int number) {
        this.number = number;
      }
    }

    @Override
    public void run() {
      try (Selector selector = Selector.open()) {
        for (int s = 0; s < streams; s++) {
          SocketChannel channel = SocketChannel.open();
          channel.configureBlocking(false);
          channel.connect(address);
          channel.register(selector, SelectionKey.OP_CONNECT, new Stream(s));
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        byte[] bytes = new byte[1 << 16];
        while (true) {
          selector.select();
          for (SelectionKey key : selector.selectedKeys()) {
            SocketChannel channel = (SocketChannel) key.channel();
            Stream stream = (Stream) key.attachment();
            try {
              if (key.isConnectable()) {
                channel.finishConnect();
                channel.write(ByteBuffer.wrap(request));
                key.interestOps(SelectionKey.OP_READ);
              } else if (key.isReadable()) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read < 0) {
                  failed.incrementAndGet();
                  key.cancel();
                  channel.close();
                  continue;
                }
                buffer.flip();
                buffer.get(bytes, 0, read);
                scan(stream, stream.carry + new String(bytes, 0, read, StandardCharsets.ISO_8859_1));
              }
            } catch (IOException e) {
              failed.incrementAndGet();
              key.cancel();
              channel.close();
            }
          }
          selector.selectedKeys().clear();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void scan(Stream stream, String text) {
      if (!stream.answered) {
        if (text.length() < 12) {
          stream.carry = text;
          return;
        }
        stream.answered = true;
        if (!text.startsWith("HTTP/1.1 200")) {
          failed.incrementAndGet();
        }
      }
      int from = 0;
      while (true) {
        int at = text.indexOf(MARK, from);
        int end = at < 0 ? -1 : text.indexOf('"', at + MARK.length());
        if (end < 0) {
          // Keep what may be the start of a mark cut by the read.
          int keep = Math.max(from, text.length() - MARK.length() - 12);
          stream.carry = at >= 0 ? text.substring(at) : text.substring(keep);
          return;
        }
        arrival.seen(stream.number, Integer.parseInt(text.substring(at + MARK.length(), end)));
        from = end;
      }
    }
  }
}

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The disk's ceiling for durable writes at one fsync each, without HTTP: the reference that the
 * file store's group commit (many writes per fsync) must beat, as nginx is GET's. Each of N threads
 * repeats the protocol of the earlier one-file-per-entry store for a new entry file of about 500
 * bytes (write a temp file, fsync it, rename it atomically, then a directory fsync shared by every
 * rename that came before it started) for a bounded time, and prints the rate and latency
 * percentiles.
 *
 * <p>Usage: {@code java bench/DurableWriteCeiling.java DIR THREADS SECONDS}. Run by bench/run.sh.
 */
public class DurableWriteCeiling {
  private static final AtomicLong CHANGES = new AtomicLong();
  private static final Object SYNC = new Object();
  private static long synced;
  // The directory, open for the whole run as the store keeps it.
  private static FileChannel directory;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    directory = FileChannel.open(dir, StandardOpenOption.READ);
    int threads = Integer.parseInt(args[1]);
    long deadline = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
    long[][] latencies = new long[threads][];
    int[] counts = new int[threads];
    Thread[] workers = new Thread[threads];
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int me = t;
      workers[t] =
          new Thread(
              () -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                byte[] body = new byte[500];
                while (System.nanoTime() < deadline) {
                  ThreadLocalRandom.current().nextBytes(body);
                  long began = System.nanoTime();
                  write(dir, me + "-" + n, body);
                  if (n == mine.length) {
                    mine = Arrays.copyOf(mine, n * 2);
                  }
                  mine[n++] = System.nanoTime() - began;
                }
                latencies[me] = mine;
                counts[me] = n;
              });
      workers[t].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    System.out.printf(
        "writes=%d seconds=%.1f writes_per_s=%.1f p50_ms=%.2f p99_ms=%.2f%n",
        total,
        seconds,
        total / seconds,
        all[total / 2] / 1e6,
        all[(int) (total * 0.99)] / 1e6);
  }

  private static void write(Path dir, String name, byte[] body) {
    Path temp = dir.resolve(name + ".json.tmp");
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(body));
        out.force(true);
      }
      Files.move(temp, dir.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE);
      long change = CHANGES.incrementAndGet();
      synchronized (SYNC) {
        if (synced < change) {
          long covered = CHANGES.get();
          directory.force(true);
          synced = covered;
        }
      }
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What memory a process has never touched costs on this machine: the time to touch each 4 KB page
 * of fresh memory for the first time (the kernel's page fault, and on a virtual machine the
 * host's), and the time to write all of it again. A starting JVM touches its heap, code and
 * metadata page by page, and a growing heap touches more; where a first touch costs many
 * microseconds, start-up and the first collections slow down with it, whatever the service does.
 *
 * <p>Usage: {@code java bench/FreshMemory.java MEGABYTES}. Run by bench/run.sh.
 */
public class FreshMemory {
  private static final int PAGE = 4096;

  public static void main(String[] args) {
    int megabytes = Integer.parseInt(args[0]);
    int pages = megabytes * (1 << 20) / PAGE;
    long start = System.nanoTime();
    // Allocated outside the heap and zeroed by the JVM: every page written once, the first time.
    ByteBuffer fresh = ByteBuffer.allocateDirect(megabytes << 20);
    long first = System.nanoTime() - start;
    byte[] ones = new byte[PAGE];
    Arrays.fill(ones, (byte) 1);
    start = System.nanoTime();
    for (int page = 0; page < pages; page++) {
      fresh.put(page * PAGE, ones);
    }
    long again = System.nanoTime() - start;
    System.out.printf(
        "FRESH first_touch_ns_per_page=%d again_ns_per_page=%d megabytes=%d%n",
        first / pages, again / pages, megabytes);
  }
}

package io.addrservice.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A snapshot or log file that the file store replayed, open for reading the JSON of the entries it
 * holds that no one has read yet ({@link StoredJson.InFile}): they stay on disk, in the page cache,
 * instead of on the heap.
 *
 * <p>A compaction moves those entries into its new snapshot and only then retires the files it
 * replaces: a read of a retired file answers null, and the reader takes the entry's new place.
 * Reading is safe from interrupts: an interrupt closes a {@link FileChannel} for every thread, so
 * the file is opened again, and the reader's interrupt status is kept.
 */
final class LogFile implements AutoCloseable {
  private final Path path;
  private volatile FileChannel channel;
  private volatile boolean retired;

  private LogFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  static LogFile open(Path path) throws IOException {
    return new LogFile(path, FileChannel.open(path, StandardOpenOption.READ));
  }

  Path path() {
    return path;
  }

  /**
   * The {@code length} bytes at {@code offset}, or null once the file is retired.
   *
   * @throws UncheckedIOException when they cannot be read
   */
  byte[] read(long offset, int length) {
    byte[] bytes = new byte[length];
    return read(bytes, offset, length) < 0 ? null : bytes;
  }

  /**
   * A reader of this file's ranges for one thread, through a buffer of {@code size} bytes: for a
   * caller that asks for them in file order (a compaction copying unread entries), one read call a
   * buffer instead of one a range.
   */
  Window window(int size) {
    return new Window(size);
  }

  /** Reads ranges through a buffer, refilled at the range asked for when it does not hold it. */
  final class Window {
    private final byte[] buffer;
    private long start;
    private int filled;

    private Window(int size) {
      this.buffer = new byte[size];
    }

    /** Like {@link LogFile#read(long, int)}. */
    byte[] read(long offset, int length) {
      if (length > buffer.length) {
        return LogFile.this.read(offset, length);
      }
      if (offset < start || offset + length > start + filled) {
        int read = LogFile.this.read(buffer, offset, length);
        if (read < 0) {
          return null;
        }
        start = offset;
        filled = read;
      }
      int from = (int) (offset - start);
      return Arrays.copyOfRange(buffer, from, from + length);
    }
  }

  /**
   * Reads at least {@code length} bytes at {@code offset} into {@code into}, as many as fit;
   * returns how many, or -1 once the file is retired.
   */
  private int read(byte[] into, long offset, int length) {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        FileChannel current = channel;
        if (retired) {
          return -1;
        }
        try {
          return readAtLeast(current, ByteBuffer.wrap(into), offset, length);
        } catch (ClosedChannelException e) {
          // Retired meanwhile, or closed by an interrupt of this or another reader.
          interrupted |= Thread.interrupted();
          reopen(current);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + path + " at byte offset " + offset, e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int readAtLeast(FileChannel channel, ByteBuffer into, long offset, int length)
      throws IOException {
    while (into.position() < length) {
      if (channel.read(into, offset + into.position()) < 0) {
        throw new EOFException("the file ends before the record");
      }
    }
    // What else fits, if the file has it: the next records, for a window.
    while (into.hasRemaining() && channel.read(into, offset + into.position()) > 0) {
      // reading on
    }
    return into.position();
  }

  /** Opens the file again if {@code closed} is still its channel and it is not retired. */
  private synchronized void reopen(FileChannel closed) {
    if (retired || channel != closed) {
      return;
    }
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + path + " again", e);
    }
  }

  /** Closes the file for good: reads answer null from now on. */
  synchronized void retire() {
    retired = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Read-only: nothing is lost when closing fails.
    }
  }

  @Override
  public void close() {
    retire();
  }
}

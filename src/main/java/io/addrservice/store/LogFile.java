package io.addrservice.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
    boolean interrupted = Thread.interrupted();
    try {
      byte[] bytes = new byte[length];
      while (true) {
        FileChannel current = channel;
        if (retired) {
          return null;
        }
        try {
          readFully(current, ByteBuffer.wrap(bytes), offset);
          return bytes;
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

  private static void readFully(FileChannel channel, ByteBuffer into, long offset)
      throws IOException {
    while (into.hasRemaining()) {
      if (channel.read(into, offset + into.position()) < 0) {
        throw new EOFException("the file ends before the record");
      }
    }
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

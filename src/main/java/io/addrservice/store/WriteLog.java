package io.addrservice.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The file store's log segment that writes are appended to, with group commit: a write returns only
 * after an fsync that began after it was appended, and every write appended while an fsync is in
 * progress shares the next one. Append order is the order of the file.
 *
 * <p>One writer at a time runs the fsync, outside the lock that orders the writers; the others wait
 * parked, each on its own, and that writer wakes them all at once when it is done. (Waiting to
 * enter a monitor instead let the woken writers through one after another: on a busy machine each
 * waited for the one before it to be scheduled.)
 *
 * <p>A write that cannot be made durable (no space, an I/O error) fails, and so does every write
 * that the failed fsync should have covered: the segment is cut back to what the last good fsync
 * covered, so nothing that was refused comes back at the next start, and later writes go on from
 * there once the disk accepts them again.
 */
final class WriteLog implements AutoCloseable {
  /** Opens a segment for writing: the seam that tests use to make the disk fail. */
  interface Channels {
    FileChannel open(Path file) throws IOException;

    Channels DEFAULT =
        file ->
            FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
  }

  /** One segment file being written. */
  static final class Segment {
    final long number;
    final Path file;
    final FileChannel channel;

    /** Where the next record goes (written under the append lock). */
    volatile long end;

    /** What the last good fsync covers (under the sync lock). */
    long durable;

    /** A writer is running an fsync of this segment (under the sync lock). */
    boolean syncing;

    /** The writers parked until that fsync ends (under the sync lock). */
    final List<Thread> waiting = new ArrayList<>();

    /** Bumped when the segment is cut back after a failure: tickets of an older epoch failed. */
    volatile long epoch;

    /** The bytes after {@link #end} may hold a partial record that must be cut before appending. */
    boolean mustCut;

    /** The file's identity when it was opened, to notice that it was removed or replaced. */
    final Object fileKey;

    /** The file was removed or replaced: nothing written to it is durable any more. */
    volatile boolean gone;

    /** Where each cut-back left the segment, by the epoch it started (under the sync lock). */
    final NavigableMap<Long, Long> cuts = new TreeMap<>();

    Segment(long number, Path file, FileChannel channel, long length) throws IOException {
      this.number = number;
      this.file = file;
      this.channel = channel;
      this.fileKey = fileKey(file);
      this.end = length;
      this.durable = length;
    }
  }

  /** What identifies the file behind a path (device and inode on POSIX systems). */
  private static Object fileKey(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  /**
   * Whether the path still leads to the segment's file. A removed directory or file leaves the open
   * descriptor writable on POSIX systems, and an fsync then "succeeds" on data that no start will
   * ever read.
   */
  private static boolean stillThere(Segment segment) {
    try {
      return Objects.equals(segment.fileKey, fileKey(segment.file));
    } catch (IOException e) {
      return false;
    }
  }

  /** Where an appended record ends, to wait for its fsync. */
  record Ticket(Segment segment, long end, long epoch) {}

  private final Object appendLock = new Object();

  /** Orders the writers that wait for an fsync; never held during I/O but a cut-back. */
  private final Object syncLock = new Object();

  /** Held during an fsync, so that a rotation or the closing waits for it. */
  private final Object forceLock = new Object();

  private final Channels channels;
  private volatile Segment current;

  WriteLog(Channels channels, Segment first) {
    this.channels = channels;
    this.current = first;
  }

  /** Opens {@code file} to continue at {@code length} (everything before it is durable). */
  static Segment open(Channels channels, long number, Path file, long length) throws IOException {
    FileChannel channel = channels.open(file);
    try {
      if (channel.size() > length) {
        channel.truncate(length);
        channel.force(false);
      }
      return new Segment(number, file, channel, length);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  Segment current() {
    return current;
  }

  /** The bytes appended to the current segment so far. */
  long size() {
    return current.end;
  }

  /** Appends one record; {@link #await} makes it durable. */
  Ticket append(byte[] record) {
    synchronized (appendLock) {
      Segment segment = current;
      if (segment.gone) {
        throw gone(segment);
      }
      try {
        if (segment.mustCut) {
          segment.channel.truncate(segment.end);
          segment.mustCut = false;
        }
      } catch (IOException e) {
        throw unavailable(segment, "cannot cut a failed write off", e);
      }
      long at = segment.end;
      ByteBuffer bytes = ByteBuffer.wrap(record);
      try {
        long position = at;
        while (bytes.hasRemaining()) {
          position += segment.channel.write(bytes, position);
        }
      } catch (IOException e) {
        // Part of it may be in the file: the next append cuts it off first.
        segment.mustCut = true;
        throw unavailable(segment, "cannot write", e);
      }
      segment.end = at + record.length;
      return new Ticket(segment, segment.end, segment.epoch);
    }
  }

  /** Returns once an fsync covers the ticket's record, or throws when it never will. */
  void await(Ticket ticket) {
    boolean interrupted = false;
    try {
      while (!durable(ticket)) {
        // Woken when the fsync in progress ends (or spuriously): either way, look again. Like the
        // wait to enter a monitor, this wait does not end on an interrupt, which is kept for later.
        LockSupport.park(this);
        interrupted |= Thread.interrupted();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Whether an fsync covers the ticket's record, running one if none is in progress; false when the
   * caller must wait for the one in progress (it is then among the writers that fsync wakes).
   */
  private boolean durable(Ticket ticket) {
    Segment segment = ticket.segment();
    long covered;
    synchronized (syncLock) {
      if (segment.gone) {
        throw gone(segment);
      }
      if (ticket.epoch() != segment.epoch) {
        // Cut back since: it survived only if the first cut after it left it in place.
        if (ticket.end() <= segment.cuts.get(ticket.epoch() + 1)) {
          return true;
        }
        throw lost(segment);
      }
      if (segment.durable >= ticket.end()) {
        return true;
      }
      if (segment.syncing) {
        segment.waiting.add(Thread.currentThread());
        return false;
      }
      segment.syncing = true;
      covered = segment.end;
    }
    sync(segment, covered);
    return true;
  }

  /**
   * Runs the fsync that covers the segment up to {@code covered}, then wakes the writers that
   * waited for it; throws when it failed.
   */
  private void sync(Segment segment, long covered) {
    IOException failure = null;
    boolean there;
    synchronized (forceLock) {
      try {
        segment.channel.force(false);
        there = stillThere(segment);
      } catch (IOException e) {
        failure = e;
        there = true;
      }
    }
    List<Thread> parked;
    synchronized (syncLock) {
      segment.syncing = false;
      if (failure != null) {
        cutBack(segment);
      } else if (!there) {
        segment.gone = true;
      } else {
        segment.durable = covered;
      }
      parked = List.copyOf(segment.waiting);
      segment.waiting.clear();
    }
    parked.forEach(LockSupport::unpark);
    if (failure != null) {
      throw unavailable(segment, "cannot sync", failure);
    }
    if (!there) {
      throw gone(segment);
    }
  }

  /**
   * After a failed fsync nothing past the last good one can be trusted (the kernel may have dropped
   * the pages it could not write): every write there fails, and the segment is cut back to it.
   */
  private void cutBack(Segment segment) {
    synchronized (appendLock) {
      segment.epoch++;
      segment.cuts.put(segment.epoch, segment.durable);
      segment.end = segment.durable;
      segment.mustCut = true;
      try {
        segment.channel.truncate(segment.durable);
        segment.mustCut = false;
      } catch (IOException e) {
        // The next append tries again.
      }
    }
  }

  /**
   * Starts a new segment; the caller makes sure no write is in progress (every appended record was
   * awaited) and syncs the directory before writes are acknowledged in it.
   */
  Segment rotate(long number, Path file) throws IOException {
    synchronized (forceLock) {
      synchronized (syncLock) {
        synchronized (appendLock) {
          Segment previous = current;
          Segment next = open(channels, number, file, 0);
          current = next;
          previous.channel.close();
          return next;
        }
      }
    }
  }

  private static StoreUnavailableException gone(Segment segment) {
    return new StoreUnavailableException(
        "The file store's log " + segment.file + " was removed or replaced: writes stop", null);
  }

  private static StoreUnavailableException lost(Segment segment) {
    return new StoreUnavailableException(
        "The file store could not make a write durable in "
            + segment.file
            + ": a sync failed and the write was withdrawn",
        null);
  }

  private static StoreUnavailableException unavailable(
      Segment segment, String what, IOException e) {
    return new StoreUnavailableException(
        "The file store " + what + " " + segment.file + ": " + e.getMessage(), e);
  }

  @Override
  public void close() throws IOException {
    synchronized (forceLock) {
      synchronized (syncLock) {
        synchronized (appendLock) {
          current.channel.close();
        }
      }
    }
  }
}

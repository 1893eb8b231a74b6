package io.addrservice.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A log or snapshot file read back in chunks of whole lines, through one buffer: its intact
 * records, chunk by chunk, and where it is damaged. Damage after the last intact record is the torn
 * tail of writes that were never acknowledged; damage before it is not (the disk changed
 * acknowledged data). Where the damage is is known once the whole file is read.
 *
 * <p>A start-up reads every record of the store once; reading the files whole took as much memory
 * as the store holds, all of it zeroed, copied and collected again within the start-up.
 */
final class LogScan implements AutoCloseable {
  /** The buffer's first size; it grows for a line longer than it (a large group record). */
  static final int CHUNK = 1 << 20;

  /** Bytes that do not form an intact record. */
  record Damage(long offset, long length, String preview) {}

  /**
   * Intact records read together: record {@code i} is {@code bytes[starts[i], ends[i])}, without
   * its newline, at file offset {@code offset + starts[i]}. The bytes are valid until the next
   * chunk is read.
   */
  record Chunk(byte[] bytes, int[] starts, int[] ends, long offset) {
    int records() {
      return starts.length;
    }
  }

  private final Path file;
  private final InputStream in;
  private byte[] buffer = new byte[CHUNK];

  /** Where the lines of the buffer end ({@link #newlines(int, int)}). */
  private int[] newlines = new int[4096];

  /** The buffer holds the file's bytes from {@link #bufferOffset}, up to {@link #filled}. */
  private long bufferOffset;

  private int filled;

  /** Where the scan goes on in the buffer: the start of the first line not yet scanned. */
  private int position;

  private boolean endOfFile;
  private final List<Damage> damage = new ArrayList<>();

  /** The file offset where the damaged lines being passed over start, or -1. */
  private long damagedFrom = -1;

  private String damagedPreview;
  private long intactLength;

  private LogScan(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  static LogScan open(Path file) throws IOException {
    return new LogScan(file, Files.newInputStream(file));
  }

  Path file() {
    return file;
  }

  /** The next intact records, or null once the file is read to its end. */
  Chunk next() throws IOException {
    while (true) {
      fill();
      int lines = newlines(position, filled);
      int[] starts = new int[lines];
      int[] ends = new int[lines];
      int count = 0;
      for (int line = 0; line < lines; line++) {
        int newline = newlines[line];
        if (LogRecords.intact(buffer, position, newline)) {
          if (damagedFrom >= 0) {
            closeDamage(bufferOffset + position);
          }
          starts[count] = position;
          ends[count] = newline;
          count++;
          intactLength = bufferOffset + newline + 1;
        } else {
          openDamage(position);
        }
        position = newline + 1;
      }
      if (endOfFile && position < filled) {
        // A last line without its newline: never a whole record.
        openDamage(position);
        position = filled;
      }
      if (count > 0) {
        // Copied only when damaged lines left them longer than the records.
        return count == lines
            ? new Chunk(buffer, starts, ends, bufferOffset)
            : new Chunk(
                buffer, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), bufferOffset);
      }
      if (endOfFile) {
        if (damagedFrom >= 0) {
          closeDamage(bufferOffset + filled);
        }
        return null;
      }
    }
  }

  /**
   * Moves the unscanned bytes to the buffer's start and reads after them until the buffer is full
   * or the file ends; grows the buffer when it holds no whole line.
   */
  private void fill() throws IOException {
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, filled - position);
      bufferOffset += position;
      filled -= position;
      position = 0;
    }
    if (filled == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    while (!endOfFile && filled < buffer.length) {
      int read = in.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        endOfFile = true;
      } else {
        filled += read;
      }
    }
  }

  private void openDamage(int at) {
    if (damagedFrom < 0) {
      damagedFrom = bufferOffset + at;
      damagedPreview = LogRecords.preview(buffer, at, filled);
    }
  }

  private void closeDamage(long end) {
    damage.add(new Damage(damagedFrom, end - damagedFrom, damagedPreview));
    damagedFrom = -1;
    damagedPreview = null;
  }

  /**
   * Finds the newlines in {@code buffer[from, to)}, in order, into {@link #newlines}; returns how
   * many. One loop over the whole chunk, not one call a line: early in a start-up a call-a-line
   * search runs interpreted, entering its compiled loop anew on every call.
   */
  private int newlines(int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (buffer[i] == '\n') {
        if (count == newlines.length) {
          newlines = Arrays.copyOf(newlines, count * 2);
        }
        newlines[count++] = i;
      }
    }
    return count;
  }

  /** The file's length as read: known once the file is read to its end. */
  long length() {
    return bufferOffset + filled;
  }

  /** Where the last intact record ends (after its newline): what a cut tail leaves. */
  long intactLength() {
    return intactLength;
  }

  /** Every damaged range, in file order: complete once the file is read to its end. */
  List<Damage> damage() {
    return List.copyOf(damage);
  }

  /** Damage followed by an intact record: acknowledged data was changed or lost. */
  List<Damage> damageBeforeTail() {
    return damage.stream().filter(d -> d.offset() < intactLength).toList();
  }

  /** The damaged tail after the last intact record, if there is one. */
  Damage tail() {
    return damage.isEmpty() || damage.get(damage.size() - 1).offset() < intactLength
        ? null
        : damage.get(damage.size() - 1);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

package io.addrservice.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A log or snapshot file read back: where its intact records are, and where it is damaged. Damage
 * after the last intact record is the torn tail of writes that were never acknowledged; damage
 * before it is not (the disk changed acknowledged data).
 *
 * @param file the file
 * @param bytes its contents
 * @param starts the offset of each intact record
 * @param ends the offset of each intact record's newline
 * @param damage each damaged range, in file order
 */
record LogScan(Path file, byte[] bytes, int[] starts, int[] ends, List<Damage> damage) {

  /** Bytes that do not form an intact record. */
  record Damage(long offset, long length, String preview) {}

  static LogScan of(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException(file + " is larger than 2 GB");
    }
    return of(file, Files.readAllBytes(file));
  }

  static LogScan of(Path file, byte[] bytes) {
    List<Damage> damage = new ArrayList<>();
    int[] starts = new int[1024];
    int[] ends = new int[1024];
    int count = 0;
    int damagedFrom = -1;
    int position = 0;
    while (position < bytes.length) {
      int newline = indexOf(bytes, (byte) '\n', position);
      int end = newline < 0 ? bytes.length : newline;
      if (newline >= 0 && LogRecords.intact(bytes, position, end)) {
        if (damagedFrom >= 0) {
          damage.add(damage(bytes, damagedFrom, position));
          damagedFrom = -1;
        }
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
          ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = position;
        ends[count] = end;
        count++;
      } else if (damagedFrom < 0) {
        damagedFrom = position;
      }
      position = newline < 0 ? bytes.length : newline + 1;
    }
    if (damagedFrom >= 0) {
      damage.add(damage(bytes, damagedFrom, bytes.length));
    }
    return new LogScan(
        file, bytes, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), List.copyOf(damage));
  }

  private static Damage damage(byte[] bytes, int from, int to) {
    return new Damage(from, to - from, LogRecords.preview(bytes, from, to));
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  int records() {
    return starts.length;
  }

  /** Where the last intact record ends (after its newline): what a cut tail leaves. */
  long intactLength() {
    return starts.length == 0 ? 0 : ends[ends.length - 1] + 1L;
  }

  /** Damage followed by an intact record: acknowledged data was changed or lost. */
  List<Damage> damageBeforeTail() {
    long intact = intactLength();
    return damage.stream().filter(d -> d.offset() < intact).toList();
  }

  /** The damaged tail after the last intact record, if there is one. */
  Damage tail() {
    return damage.isEmpty() || damage.get(damage.size() - 1).offset() < intactLength()
        ? null
        : damage.get(damage.size() - 1);
  }
}

package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.JsonMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogScanTest {
  private final LogRecords records = new LogRecords(JsonMapping.newMapper());

  @TempDir Path temp;

  /** A record's offset and length (without its newline), or a damaged range. */
  private record Range(long offset, long length) {}

  @Test
  void recordsAcrossChunkBoundariesAndLongerThanAChunkAreReadWithTheirDamage() throws IOException {
    Random random = new Random(42);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<Range> intact = new ArrayList<>();
    List<Range> damaged = new ArrayList<>();
    for (int i = 0; file.size() < 3 * LogScan.CHUNK; i++) {
      // Names of every length, one longer than a chunk; now and then a damaged line between.
      int length = i == 500 ? LogScan.CHUNK + 1000 : random.nextInt(2000);
      byte[] line = record(i, "x".repeat(length));
      if (random.nextInt(50) == 0) {
        line[20] ^= 1;
        Range previous = damaged.isEmpty() ? null : damaged.get(damaged.size() - 1);
        if (previous != null && previous.offset() + previous.length() == file.size()) {
          // Right after another damaged line: one range.
          damaged.set(
              damaged.size() - 1, new Range(previous.offset(), previous.length() + line.length));
        } else {
          damaged.add(new Range(file.size(), line.length));
        }
      } else {
        intact.add(new Range(file.size(), line.length - 1));
      }
      file.write(line);
    }
    // Two damaged lines in a row are one range; and a torn tail without its newline.
    long twoDamaged = file.size();
    for (int i = 0; i < 2; i++) {
      byte[] line = record(-1, "damaged");
      line[30] ^= 1;
      file.write(line);
    }
    damaged.add(new Range(twoDamaged, file.size() - twoDamaged));
    byte[] last = record(-2, "last");
    intact.add(new Range(file.size(), last.length - 1));
    file.write(last);
    long torn = file.size();
    byte[] tail = record(-3, "torn");
    file.write(tail, 0, tail.length - 5);
    Path path = temp.resolve("log");
    Files.write(path, file.toByteArray());

    try (LogScan scan = LogScan.open(path)) {
      assertEquals(intact, readAll(scan));
      List<Range> before =
          scan.damageBeforeTail().stream().map(d -> new Range(d.offset(), d.length())).toList();
      assertEquals(damaged, before);
      assertEquals(new Range(torn, tail.length - 5), rangeOf(scan.tail()));
      assertEquals(torn, scan.intactLength());
      assertEquals(file.size(), scan.length());
    }
  }

  @Test
  void newlinesAreToldApartFromEveryOtherByteValue() throws IOException {
    // Every character from U+0020 to U+07FF and some of three and four bytes: in UTF-8, every byte
    // an intact record can hold. Damaged lines hold each of the other byte values.
    StringBuilder text = new StringBuilder();
    for (int c = 0x20; c < 0x800; c++) {
      text.appendCodePoint(c);
    }
    text.append("\u20ac\u0939\u4e2d\ud83d\ude00");
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<Range> intact = new ArrayList<>();
    List<Range> damaged = new ArrayList<>();
    for (int value = 0; value < 256; value++) {
      if (value == '\n') {
        continue;
      }
      // Of lengths that put the record after it at every offset modulo eight.
      byte[] damage = new byte[value % 8 + 1];
      Arrays.fill(damage, (byte) value);
      damaged.add(new Range(file.size(), damage.length + 1));
      file.write(damage);
      file.write('\n');
      byte[] line = record(value, text.substring(value % 64));
      intact.add(new Range(file.size(), line.length - 1));
      file.write(line);
    }
    Path path = temp.resolve("log");
    Files.write(path, file.toByteArray());

    try (LogScan scan = LogScan.open(path)) {
      assertEquals(intact, readAll(scan));
      assertEquals(damaged, scan.damage().stream().map(LogScanTest::rangeOf).toList());
    }
  }

  @Test
  void anEmptyFileHasNoRecordsAndNoDamage() throws IOException {
    Path path = Files.createFile(temp.resolve("empty"));
    try (LogScan scan = LogScan.open(path)) {
      assertNull(scan.next());
      assertEquals(List.of(), scan.damage());
      assertNull(scan.tail());
      assertEquals(0, scan.intactLength());
    }
  }

  /** The records of {@code scan} to the file's end, each one read as a record. */
  private List<Range> readAll(LogScan scan) throws IOException {
    List<Range> read = new ArrayList<>();
    for (LogScan.Chunk chunk = scan.next(); chunk != null; chunk = scan.next()) {
      for (int i = 0; i < chunk.records(); i++) {
        read.add(
            new Range(chunk.offset() + chunk.starts()[i], chunk.ends()[i] - chunk.starts()[i]));
        records.read(chunk.bytes(), chunk.starts()[i], chunk.ends()[i]);
      }
    }
    return read;
  }

  private static Range rangeOf(LogScan.Damage damage) {
    return new Range(damage.offset(), damage.length());
  }

  private byte[] record(int sequence, String name) throws IOException {
    byte[] line =
        records.write(
            new Write(
                Math.abs(sequence) + 1,
                "",
                "0123456789abcdef0123456789abcdef",
                1,
                AddressEntry.named(name),
                Instant.EPOCH,
                null,
                null));
    assertEquals('\n', line[line.length - 1], new String(line, StandardCharsets.UTF_8));
    return line;
  }
}

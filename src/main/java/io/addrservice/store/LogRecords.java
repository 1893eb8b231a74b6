package io.addrservice.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.addrservice.model.AddressEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The file store's records: one line each, {@code <crc32c as 8 hex digits> <JSON document>}, so
 * that {@code grep} finds entries in a log and a damaged or torn line is recognised. A log holds
 * puts and deletes, and groups of them that must be replayed all or not at all (a merge: the
 * target's put and the sources' deletes on one line under one checksum, so a torn group is cut off
 * whole); a snapshot starts with a header and also holds the idempotency keys.
 */
final class LogRecords {
  static final String PUT = "put";
  static final String DELETE = "delete";
  static final String KEY = "key";
  static final String SNAPSHOT = "snapshot";
  static final String GROUP = "group";

  /** The checksum, a space and at least "{}". */
  private static final int MIN_LINE = 8 + 1 + 2;

  private final ObjectWriter writer;
  private final ObjectReader reader;

  LogRecords(ObjectMapper mapper) {
    this.writer = mapper.writerFor(Line.class);
    this.reader = mapper.readerFor(Line.class);
  }

  /**
   * A record's document. Registered for reflection: Jackson binds it outside any JAX-RS signature,
   * where a native build would not see it.
   *
   * @param op {@value #PUT}, {@value #DELETE}, {@value #KEY}, {@value #SNAPSHOT} or {@value #GROUP}
   * @param writes a group's puts and deletes, in order
   */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Line(
      String op,
      Long seq,
      String owner,
      String id,
      Long version,
      String at,
      AddressEntry entry,
      String key,
      String fingerprint,
      @JsonProperty("entry_id") String entryId,
      @JsonProperty("last_seq") Long lastSeq,
      @JsonProperty("expired_through") Long expiredThrough,
      Long records,
      Boolean converted,
      List<Line> writes) {}

  /** A put (with its idempotency key, if any) or a delete. */
  byte[] write(Write write) throws IOException {
    return line(document(write));
  }

  /** One write as a line of its own, several as one group line (replayed all or none). */
  byte[] write(List<Write> writes) throws IOException {
    if (writes.size() == 1) {
      return write(writes.get(0));
    }
    List<Line> documents = new ArrayList<>(writes.size());
    for (Write write : writes) {
      documents.add(document(write));
    }
    return line(
        new Line(
            GROUP, null, null, null, null, null, null, null, null, null, null, null, null, null,
            documents));
  }

  private static Line document(Write write) {
    StoredKey key = write.key();
    return new Line(
        write.deletion() ? DELETE : PUT,
        write.sequence(),
        write.owner(),
        write.id(),
        write.version(),
        write.at().toString(),
        write.entry(),
        key == null ? null : key.key(),
        key == null ? null : key.fingerprint(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** An idempotency key on its own, as a snapshot keeps it. */
  byte[] key(StoredKey key) throws IOException {
    return line(
        new Line(
            KEY,
            null,
            key.owner(),
            null,
            null,
            key.createdAt().toString(),
            null,
            key.key(),
            key.fingerprint(),
            key.entryId(),
            null,
            null,
            null,
            null,
            null));
  }

  /** A snapshot's first line: what follows and where numbering continues. */
  byte[] header(long lastSequence, long expiredThrough, long records, boolean converted)
      throws IOException {
    return line(
        new Line(
            SNAPSHOT,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            lastSequence,
            expiredThrough,
            records,
            converted ? Boolean.TRUE : null,
            null));
  }

  private byte[] line(Line document) throws IOException {
    byte[] json = writer.writeValueAsBytes(document);
    byte[] line = new byte[json.length + 10];
    hex(checksum(json, 0, json.length), line);
    line[8] = ' ';
    System.arraycopy(json, 0, line, 9, json.length);
    line[line.length - 1] = '\n';
    return line;
  }

  /**
   * Whether the line in {@code bytes[from, to)} (without its newline) has the record form and its
   * checksum matches; if not, it is a damaged or torn record.
   */
  static boolean intact(byte[] bytes, int from, int to) {
    if (to - from < MIN_LINE || bytes[from + 8] != ' ') {
      return false;
    }
    long expected = 0;
    for (int i = from; i < from + 8; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0 || Character.isUpperCase(bytes[i])) {
        return false;
      }
      expected = expected << 4 | digit;
    }
    return checksum(bytes, from + 9, to - from - 9) == expected;
  }

  /** The document of an intact line. */
  Line read(byte[] bytes, int from, int to) throws IOException {
    Line line = reader.readValue(bytes, from + 9, to - from - 9);
    if (line == null || line.op() == null) {
      throw new IOException("a record without an op");
    }
    return line;
  }

  /** The write that a put or delete line records. */
  static Write write(Line line) throws IOException {
    boolean put = PUT.equals(line.op());
    if (line.seq() == null
        || line.owner() == null
        || line.id() == null
        || line.version() == null
        || line.at() == null
        || put != (line.entry() != null)) {
      throw new IOException("a " + line.op() + " record lacks a field");
    }
    Instant at = Instant.parse(line.at());
    StoredKey key =
        line.key() == null
            ? null
            : new StoredKey(line.owner(), line.key(), line.fingerprint(), line.id(), at);
    return new Write(line.seq(), line.owner(), line.id(), line.version(), line.entry(), at, key);
  }

  /** The writes that a group line records, in order. */
  static List<Write> group(Line line) throws IOException {
    if (line.writes() == null || line.writes().size() < 2) {
      throw new IOException("a group record without its writes");
    }
    List<Write> writes = new ArrayList<>(line.writes().size());
    for (Line inner : line.writes()) {
      if (!PUT.equals(inner.op()) && !DELETE.equals(inner.op())) {
        throw new IOException("a group record holding a " + inner.op() + " record");
      }
      writes.add(write(inner));
    }
    return writes;
  }

  /** The idempotency key that a key line records. */
  static StoredKey key(Line line) throws IOException {
    if (line.owner() == null
        || line.key() == null
        || line.fingerprint() == null
        || line.entryId() == null
        || line.at() == null) {
      throw new IOException("a key record lacks a field");
    }
    return new StoredKey(
        line.owner(), line.key(), line.fingerprint(), line.entryId(), Instant.parse(line.at()));
  }

  private static long checksum(byte[] bytes, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, length);
    return crc.getValue();
  }

  private static void hex(long value, byte[] into) {
    byte[] digits = HexFormat.of().toHexDigits((int) value).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, into, 0, 8);
  }

  /** The first characters of a damaged line, printable, for a log message. */
  static String preview(byte[] bytes, int from, int to) {
    byte[] head = Arrays.copyOfRange(bytes, from, Math.min(to, from + 60));
    return new String(head, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
  }
}

package io.addrservice.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.addrservice.model.AddressEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
 * whole); a snapshot starts with a header and also holds the idempotency keys. A put's entry is its
 * record's last field, so that a start-up, which reads every record but few entries, reads a
 * record's fields and takes the rest of its line as the entry without reading through it.
 */
final class LogRecords {
  static final String PUT = "put";
  static final String DELETE = "delete";
  static final String KEY = "key";
  static final String SNAPSHOT = "snapshot";
  static final String GROUP = "group";

  /** The checksum, a space and at least "{}". */
  private static final int MIN_LINE = 8 + 1 + 2;

  /**
   * Jackson's buffers for writing records, kept for as many records written at once (more than the
   * cores can run) and made anew beyond that.
   */
  private static final int WRITE_BUFFERS = 16;

  private final ObjectWriter writer;
  private final JsonFactory factory;
  private final ObjectReader entries;

  LogRecords(ObjectMapper mapper) {
    // A write makes its record on the thread of its request, on Java 21+ a virtual thread of its
    // own, where Jackson's default pool of buffers (one set per thread) recycles nothing: 14 KB or
    // more of new buffers a record, a quarter to a third of all that a durable POST allocated. The
    // store's own pool recycles them across threads.
    JsonFactory writing =
        mapper.getFactory().copy().setRecyclerPool(JsonRecyclerPools.newBoundedPool(WRITE_BUFFERS));
    this.writer = mapper.copyWith(writing).writerFor(Line.class);
    // Records are read field by field (a start-up reads every one of them), and an entry is kept
    // as its JSON until it is read: only then is it bound, with the mapper's rules. Repeated keys
    // are not looked for: a record is read only when its checksum matches, so its bytes are the
    // ones this class wrote, and it never writes a key twice (the check allocates a set per
    // object, a third of the garbage a start-up makes).
    this.factory =
        mapper.getFactory().copy().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    // An entry's bytes are read through only here, when it is first read: the whole of them.
    this.entries =
        mapper.readerFor(AddressEntry.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * A record's document. Registered for reflection: Jackson binds it outside any JAX-RS signature,
   * where a native build would not see it.
   *
   * @param op {@value #PUT}, {@value #DELETE}, {@value #KEY}, {@value #SNAPSHOT} or {@value #GROUP}
   * @param entry a put's entry: to write, an {@link AddressEntry} or its JSON as read back (a
   *     byte[], written again as it is); as read, a {@link StoredJson}
   * @param writes a group's puts and deletes, in order
   */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "op",
    "seq",
    "owner",
    "id",
    "version",
    "at",
    "key",
    "fingerprint",
    "entry_id",
    "last_seq",
    "expired_through",
    "records",
    "converted",
    "writes",
    "entry"
  })
  record Line(
      String op,
      Long seq,
      String owner,
      String id,
      Long version,
      String at,
      @JsonSerialize(using = EntryOrJson.class) Object entry,
      String key,
      String fingerprint,
      @JsonProperty("entry_id") String entryId,
      @JsonProperty("last_seq") Long lastSeq,
      @JsonProperty("expired_through") Long expiredThrough,
      Long records,
      Boolean converted,
      List<Line> writes) {}

  /**
   * Writes a put's entry: an {@link AddressEntry} as Jackson does, its JSON read back from a record
   * (a compaction copying an entry no one has read) as it is. Registered for reflection: Jackson
   * makes it from the annotation, which a native build does not follow.
   */
  @RegisterForReflection
  public static final class EntryOrJson extends StdSerializer<Object> {
    public EntryOrJson() {
      super(Object.class);
    }

    @Override
    public void serialize(Object entry, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      if (entry instanceof byte[] json) {
        generator.writeRawValue(new String(json, StandardCharsets.UTF_8));
      } else {
        provider.defaultSerializeValue(entry, generator);
      }
    }
  }

  /**
   * The entry that a put record's JSON holds, bound to the model; a {@link Change.Binder}.
   *
   * @throws UncheckedIOException when it does not hold an entry of the model
   */
  AddressEntry bind(byte[] json) {
    try {
      return entries.readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a logged entry that cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * A put (with its idempotency key, if any) or a delete. A put's entry is written as its JSON,
   * which {@code write} carries when it has it ({@link Write#json}).
   */
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

  private static Line document(Write write) throws IOException {
    StoredKey key = write.key();
    byte[] json = null;
    if (write.json() != null) {
      json = write.json().read();
      if (json == null) {
        throw new IOException("the JSON of entry " + write.id() + " was in a retired file");
      }
    }
    return new Line(
        write.deletion() ? DELETE : PUT,
        write.sequence(),
        write.owner(),
        write.id(),
        write.version(),
        write.at().toString(),
        json != null ? json : write.entry(),
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

  /**
   * The document of an intact line: what binding it to {@link Line} gives (an unknown field, a
   * repeated key or trailing content is an error), read with the streaming parser. A put's entry is
   * kept as a copy of its bytes; when it ends the line, as this class writes it, the parser stops
   * at its start, and the entry's own JSON is read through when it is bound ({@link #bind}): the
   * checksum vouches for it until then.
   */
  Line read(byte[] bytes, int from, int to) throws IOException {
    return read(bytes, from, to, null, 0);
  }

  /**
   * {@link #read(byte[], int, int)} of a line of {@code file}, whose byte {@code fileOffset} is
   * {@code bytes[0]}: a put's entry is kept as its place in the file ({@link StoredJson.InFile}).
   */
  Line read(byte[] bytes, int from, int to, LogFile file, long fileOffset) throws IOException {
    Line line;
    try (JsonParser parser = factory.createParser(bytes, from + 9, to - from - 9)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a record that is not a JSON object");
      }
      Origin origin = new Origin(bytes, from + 9, to, file, fileOffset);
      line = readLine(parser, origin);
      if (!origin.tookRest() && parser.nextToken() != null) {
        throw new IOException("trailing content after a record");
      }
    }
    if (line.op() == null) {
      throw new IOException("a record without an op");
    }
    return line;
  }

  /**
   * The object that {@code parser} is at the start of, up to and including its end, or up to the
   * start of a put's entry that ends the line ({@link Origin#tookRest}). An entry is kept as its
   * bytes: it is bound to the model only when read ({@link Change#stored}).
   */
  private Line readLine(JsonParser parser, Origin origin) throws IOException {
    String op = null;
    Long seq = null;
    String owner = null;
    String id = null;
    Long version = null;
    String at = null;
    StoredJson entry = null;
    String key = null;
    String fingerprint = null;
    String entryId = null;
    Long lastSeq = null;
    Long expiredThrough = null;
    Long records = null;
    Boolean converted = null;
    List<Line> writes = null;
    fields:
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      switch (field) {
        case "op" -> op = text(parser, value);
        case "seq" -> seq = number(parser, value);
        case "owner" -> owner = text(parser, value);
        case "id" -> id = text(parser, value);
        case "version" -> version = number(parser, value);
        case "at" -> at = text(parser, value);
        case "entry" -> {
          entry = json(parser, value, origin);
          if (origin.tookRest()) {
            break fields;
          }
        }
        case "key" -> key = text(parser, value);
        case "fingerprint" -> fingerprint = text(parser, value);
        case "entry_id" -> entryId = text(parser, value);
        case "last_seq" -> lastSeq = number(parser, value);
        case "expired_through" -> expiredThrough = number(parser, value);
        case "records" -> records = number(parser, value);
        case "converted" -> converted = bool(parser, value);
        case "writes" -> writes = lines(parser, value, origin);
        default -> throw new IOException("an unknown field \"" + field + "\" in a record");
      }
    }
    if (!origin.tookRest() && parser.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("a record that is not a JSON object");
    }
    return new Line(
        op,
        seq,
        owner,
        id,
        version,
        at,
        entry,
        key,
        fingerprint,
        entryId,
        lastSeq,
        expiredThrough,
        records,
        converted,
        writes);
  }

  /**
   * Where a line's parser reads from: {@code bytes} from {@code base} to {@code end} (the line's
   * end); {@code bytes[0]} is at {@code fileOffset} in {@code file}, if the line is read from one.
   */
  private static final class Origin {
    final byte[] bytes;
    final int base;
    final int end;
    final LogFile file;
    final long fileOffset;
    private boolean tookRest;

    Origin(byte[] bytes, int base, int end, LogFile file, long fileOffset) {
      this.bytes = bytes;
      this.base = base;
      this.end = end;
      this.file = file;
      this.fileOffset = fileOffset;
    }

    /** Whether a put's entry was taken as the rest of the line, without reading through it. */
    boolean tookRest() {
      return tookRest;
    }
  }

  /**
   * The object that {@code parser} is at the start of, or null for a null. The entry of a top-level
   * record that ends in "}}" is the rest of the line but its last brace: this class writes it as
   * the last field, and no other field of a put holds an object.
   */
  private static StoredJson json(JsonParser parser, JsonToken value, Origin origin)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw new IOException("a record's entry that is not an object");
    }
    int from = origin.base + (int) parser.currentTokenLocation().getByteOffset();
    boolean rest =
        parser.getParsingContext().getParent().getParent().inRoot()
            && origin.bytes[origin.end - 1] == '}'
            && origin.bytes[origin.end - 2] == '}';
    int to;
    if (rest) {
      to = origin.end - 1;
    } else {
      parser.skipChildren();
      to = origin.base + (int) parser.currentLocation().getByteOffset();
    }
    StoredJson json =
        origin.file == null
            ? new StoredJson.InMemory(Arrays.copyOfRange(origin.bytes, from, to))
            : new StoredJson.InFile(origin.file, origin.fileOffset + from, to - from);
    origin.tookRest = rest;
    return json;
  }

  private List<Line> lines(JsonParser parser, JsonToken value, Origin origin) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_ARRAY) {
      throw new IOException("a record's writes that are not an array");
    }
    List<Line> lines = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token != JsonToken.START_OBJECT) {
        throw new IOException("a record's write that is not an object");
      }
      lines.add(readLine(parser, origin));
    }
    return lines;
  }

  private static String text(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!value.isScalarValue()) {
      throw new IOException("a record's " + parser.currentName() + " that is not a string");
    }
    return parser.getText();
  }

  private static Long number(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_NUMBER_INT) {
      throw new IOException("a record's " + parser.currentName() + " that is not an integer");
    }
    return parser.getLongValue();
  }

  private static Boolean bool(JsonParser parser, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_NULL -> null;
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default ->
          throw new IOException("a record's " + parser.currentName() + " that is not a boolean");
    };
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
    Instant at = instant(line.at());
    StoredKey key =
        line.key() == null
            ? null
            : new StoredKey(line.owner(), line.key(), line.fingerprint(), line.id(), at);
    return new Write(
        line.seq(),
        line.owner(),
        line.id(),
        line.version(),
        null,
        at,
        key,
        (StoredJson) line.entry());
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
        line.owner(), line.key(), line.fingerprint(), line.entryId(), instant(line.at()));
  }

  /**
   * {@link Instant#parse}, with a fast path for the form that {@link Instant#toString} writes
   * ({@code 2026-12-01T09:55:27.146788684Z}, with 0, 3, 6 or 9 digits of fraction): a start-up
   * reads one in every record.
   */
  static Instant instant(String text) {
    int length = text.length();
    int fraction = length - 21;
    if (length < 20
        || (fraction != -1 && fraction != 3 && fraction != 6 && fraction != 9)
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (fraction > 0 && text.charAt(19) != '.')) {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = fraction > 0 ? digits(text, 20, 20 + fraction) : 0;
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0
        || day > YearMonth.of(year, month).lengthOfMonth()) {
      return Instant.parse(text);
    }
    for (int i = fraction; i < 9 && fraction > 0; i++) {
      nanos *= 10;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code text[from, to)}, or -1 if a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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

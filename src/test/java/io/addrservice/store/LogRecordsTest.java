package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.Email;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.Kind;
import io.addrservice.model.Phone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogRecordsTest {
  private final LogRecords records = new LogRecords(JsonMapping.newMapper());

  @Test
  void instantsReadAsInstantParseReadsThem() {
    for (String text :
        List.of(
            "2026-12-01T09:55:27.146788684Z",
            "2026-12-01T09:55:27.146788Z",
            "2026-12-01T09:55:27.146Z",
            "2026-12-01T09:55:27Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999999999Z",
            "2024-02-29T23:59:59.5Z",
            "+10000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "2026-12-01T24:00:00Z")) {
      assertEquals(Instant.parse(text), LogRecords.instant(text), text);
    }
    for (Instant at :
        List.of(Instant.now(), Instant.EPOCH, Instant.ofEpochSecond(-86_400 * 400L, 1))) {
      assertEquals(at, LogRecords.instant(at.toString()));
    }
    for (String wrong :
        List.of(
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-12-01T09:60:00Z",
            "2026-12-01T09:55:27.1x6Z",
            "2026-12-01 09:55:27Z",
            "")) {
      assertThrows(DateTimeParseException.class, () -> LogRecords.instant(wrong), wrong);
    }
  }

  @Test
  void aRecordWithAnUnknownFieldOrTrailingContentIsNotRead() {
    for (String json :
        List.of(
            "{\"op\":\"put\",\"color\":\"red\"}",
            "{\"op\":\"put\"} {}",
            "{\"op\":\"put\",\"seq\":\"one\"}",
            "{\"op\":\"put\",\"writes\":{}}",
            "{\"op\":\"put\",\"entry\":\"Zoë\"}",
            "{\"op\":\"put\",\"entry\":{\"full_name\":},\"key\":\"k\"}",
            "{\"entry\":{\"full_name\":\"Zoë\"}}",
            "[]",
            "{\"seq\":1}")) {
      byte[] line = ("00000000 " + json).getBytes(StandardCharsets.UTF_8);
      assertThrows(IOException.class, () -> records.read(line, 0, line.length), json);
    }
  }

  @Test
  void aGroupReadsBackAsItWasWritten() throws IOException {
    Instant at = Instant.parse("2026-12-01T09:55:27.146788684Z");
    List<Write> writes =
        List.of(
            new Write(7, "", "0123456789abcdef0123456789abcdef", 2, null, at, null, null),
            new Write(
                8,
                "",
                "fedcba9876543210fedcba9876543210",
                3,
                AddressEntry.named("Zoë"),
                at,
                null,
                null));
    byte[] line = records.write(writes);
    List<Write> read = LogRecords.group(records.read(line, 0, line.length - 1));
    assertEquals(writes, read.stream().map(this::bound).toList());
  }

  @Test
  void aPutsEntryIsReadAsItsJsonAndBindsToTheEntryWritten() throws IOException {
    AddressEntry entry =
        new AddressEntry(
            "Zoë Kowalski",
            List.of(),
            List.of(
                new Phone(
                    Kind.HOME,
                    BigDecimal.valueOf(91),
                    BigDecimal.valueOf(11),
                    BigDecimal.valueOf(23456789L))),
            List.of(),
            List.of(new Email(Kind.WORK, "zoe@example.com")));
    Write write =
        new Write(
            9, "alice", "0123456789abcdef0123456789abcdef", 4, entry, Instant.EPOCH, null, null);
    byte[] line = records.write(write);
    Write read = LogRecords.write(records.read(line, 0, line.length - 1));
    assertNull(read.entry());
    assertArrayEquals(JsonMapping.newMapper().writeValueAsBytes(entry), read.json().read());
    assertFalse(read.deletion());
    assertEquals(entry, records.bind(read.json().read()));
    // Written again from its JSON, the record is the same bytes.
    assertArrayEquals(line, records.write(read));
  }

  @Test
  void aPutsEntryIsWrittenLastAndTakenAsTheRestOfItsLine() throws IOException {
    AddressEntry entry = AddressEntry.named("Zoë");
    StoredKey key = new StoredKey("alice", "k-1", "f", "0123456789abcdef0123456789abcdef", null);
    Write write =
        new Write(
            9, "alice", "0123456789abcdef0123456789abcdef", 1, entry, Instant.EPOCH, key, null);
    byte[] line = records.write(write);
    String text = new String(line, StandardCharsets.UTF_8);
    String json = ",\"entry\":" + JsonMapping.newMapper().writeValueAsString(entry);
    assertTrue(text.endsWith(json + "}\n"), text);
    Write read = LogRecords.write(records.read(line, 0, line.length - 1));
    assertEquals("k-1", read.key().key());
    assertEquals(entry, records.bind(read.json().read()));

    // A record of an earlier build, its entry before its key, reads the same.
    String earlier =
        text.substring(9, text.length() - 1)
            .replace(json, "")
            .replace(",\"key\":", json + ",\"key\":");
    byte[] old = ("00000000 " + earlier).getBytes(StandardCharsets.UTF_8);
    Write oldRead = LogRecords.write(records.read(old, 0, old.length));
    assertEquals(read.key(), oldRead.key());
    assertEquals(entry, records.bind(oldRead.json().read()));
  }

  @Test
  void anEntryTakenAsTheRestOfItsLineIsReadThroughWhenBound() throws IOException {
    // The checksum vouches for a line that this class wrote; one that only claims to be is
    // refused when its entry is first read.
    for (String json :
        List.of(
            "{\"op\":\"put\",\"entry\":{\"full_name\":}}",
            "{\"op\":\"put\",\"entry\":{\"full_name\":\"Zoë\"}}}",
            "{\"op\":\"put\",\"entry\":{\"full_name\":\"Zoë\"},\"color\":{}}")) {
      byte[] line = ("00000000 " + json).getBytes(StandardCharsets.UTF_8);
      LogRecords.Line read = records.read(line, 0, line.length);
      byte[] entry = ((StoredJson) read.entry()).read();
      assertThrows(UncheckedIOException.class, () -> records.bind(entry), json);
    }
  }

  @Test
  void jsonThatHoldsNoEntryIsRefusedWhenBound() {
    byte[] json = "{\"full_name\":\"Zoë\",\"color\":\"red\"}".getBytes(StandardCharsets.UTF_8);
    assertThrows(UncheckedIOException.class, () -> records.bind(json));
  }

  private Write bound(Write write) {
    return write.json() == null
        ? write
        : new Write(
            write.sequence(),
            write.owner(),
            write.id(),
            write.version(),
            records.bind(write.json().read()),
            write.at(),
            write.key(),
            null);
  }
}

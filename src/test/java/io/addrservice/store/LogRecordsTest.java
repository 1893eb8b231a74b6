package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.addrservice.model.JsonMapping;
import java.io.IOException;
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
            new Write(7, "", "0123456789abcdef0123456789abcdef", 2, null, at, null),
            new Write(
                8,
                "",
                "fedcba9876543210fedcba9876543210",
                3,
                io.addrservice.model.AddressEntry.named("Zoë"),
                at,
                null));
    byte[] line = records.write(writes);
    assertEquals(writes, LogRecords.group(records.read(line, 0, line.length - 1)));
  }
}

package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict UTF-8 check, including bodies longer than its decoding buffer. */
class StrictUtf8Test {

  @Test
  void asciiAndWellFormedUtf8Pass() {
    assertNull(StrictUtf8.problem(new byte[0]));
    assertNull(StrictUtf8.problem("{\"full_name\": \"A\"}".getBytes(StandardCharsets.US_ASCII)));
    // Far more non-ASCII text than the 1024-character buffer, with 4-byte sequences across it.
    String text = "Zoë 山田 🌍 ".repeat(500);
    assertNull(StrictUtf8.problem(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void malformedUtf8AndNulBytesAreNamed() {
    ByteArrayOutputStream late = new ByteArrayOutputStream();
    late.writeBytes("ü 🌍".repeat(1000).getBytes(StandardCharsets.UTF_8));
    int offset = late.size();
    late.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
    assertEquals("invalid UTF-8 at offset " + offset, StrictUtf8.problem(late.toByteArray()));
    assertEquals("NUL byte at offset 1", StrictUtf8.problem(new byte[] {'{', 0, '}'}));
    assertEquals(
        "invalid UTF-8 at offset 1",
        StrictUtf8.problem(new byte[] {'"', (byte) 0xE2, (byte) 0x82}));
  }
}

package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
  @TempDir Path temp;

  @Test
  void aWindowReadsWhatTheFileHoldsInAnyOrderAndAnyLength() throws Exception {
    byte[] content = new byte[100_000];
    new Random(3).nextBytes(content);
    Path path = Files.write(temp.resolve("log"), content);
    try (LogFile file = LogFile.open(path)) {
      LogFile.Window window = file.window(4096);
      Random random = new Random(5);
      long offset = 0;
      for (int i = 0; i < 2000; i++) {
        // Mostly forward, now and then back, a few longer than the window, the last bytes too.
        int length = i % 100 == 0 ? 5000 : random.nextInt(300) + 1;
        offset = i % 17 == 0 ? random.nextInt(content.length - length) : offset;
        if (offset + length > content.length) {
          offset = content.length - length;
        }
        byte[] expected = Arrays.copyOfRange(content, (int) offset, (int) offset + length);
        assertArrayEquals(expected, window.read(offset, length), "at " + offset);
        assertArrayEquals(expected, file.read(offset, length), "at " + offset);
        offset += length;
      }
      assertThrows(UncheckedIOException.class, () -> window.read(content.length - 10, 20));
      file.retire();
      assertNull(window.read(content.length / 2 + 4096, 10));
      assertNull(file.read(0, 10));
    }
  }
}

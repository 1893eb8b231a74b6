package io.addrservice.store;

import java.util.Arrays;

/**
 * A replayed entry's JSON, as the file store keeps it until the entry is first read ({@link
 * Change#stored}): its place in a snapshot or log file, or its bytes.
 */
sealed interface StoredJson {
  /**
   * The JSON; null when it was in a file that a compaction has since retired (the change it belongs
   * to has been given its new place, or its bytes, by then: read that again).
   *
   * @throws java.io.UncheckedIOException when the file cannot be read
   */
  byte[] read();

  /** The JSON's {@code length} bytes at {@code offset} in {@code file}. */
  record InFile(LogFile file, long offset, int length) implements StoredJson {
    @Override
    public byte[] read() {
      return file.read(offset, length);
    }

    @Override
    public String toString() {
      return file.path() + " at byte offset " + offset;
    }
  }

  /** The JSON's bytes, held. */
  record InMemory(byte[] bytes) implements StoredJson {
    @Override
    public byte[] read() {
      return bytes;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof InMemory that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "InMemory[" + bytes.length + " bytes]";
    }
  }
}

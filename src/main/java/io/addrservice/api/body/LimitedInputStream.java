package io.addrservice.api.body;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongFunction;

/** A stream that fails once more than a limit of bytes has been read from it. */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final LongFunction<RuntimeException> tooLarge;
  private long read;

  /**
   * @param tooLarge makes the exception thrown past the limit, given the limit
   */
  LimitedInputStream(InputStream in, long limit, LongFunction<RuntimeException> tooLarge) {
    super(in);
    this.limit = limit;
    this.tooLarge = tooLarge;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(long n) {
    read += n;
    if (read > limit) {
      throw tooLarge.apply(limit);
    }
  }
}

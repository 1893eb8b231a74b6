package io.addrservice.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * Makes entry ids: UUIDv7 (RFC 9562) written as 32 lowercase hex digits without dashes ({@link
 * io.addrservice.model.EntryIds}). The first 48 bits are the Unix time in milliseconds and the next
 * 12 a counter within that millisecond, so ids from one process are strictly increasing: creation
 * order is id order.
 */
@ApplicationScoped
public class IdGenerator {
  private static final HexFormat HEX = HexFormat.of();
  private static final int COUNTER_BITS = 12;

  private final LongSupplier clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private int counter;

  /** Ids from the system clock. */
  public IdGenerator() {
    this(System::currentTimeMillis);
  }

  /** Ids from the given clock, for tests. */
  IdGenerator(LongSupplier clock) {
    this.clock = clock;
  }

  /** A new id, greater than every id this generator made before. */
  public String next() {
    long millis;
    int sequence;
    synchronized (this) {
      millis = Math.max(clock.getAsLong(), lastMillis);
      if (millis == lastMillis) {
        counter++;
        if (counter >> COUNTER_BITS != 0) {
          // 4096 ids in one millisecond: borrow the next millisecond, still increasing.
          millis++;
          counter = 0;
        }
      } else {
        counter = random.nextInt(1 << (COUNTER_BITS - 1));
      }
      lastMillis = millis;
      sequence = counter;
    }
    long high = (millis << 16) | (0x7L << 12) | sequence;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return HEX.toHexDigits(high) + HEX.toHexDigits(low);
  }
}

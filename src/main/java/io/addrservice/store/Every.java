package io.addrservice.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Says when a periodic chore is due, to the one caller that claims it first. */
final class Every {
  private final Clock clock;
  private final long intervalMillis;
  private final AtomicLong next;

  /** Due every {@code interval} of {@code clock}, the first time one interval from now. */
  Every(Clock clock, Duration interval) {
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
    this.next = new AtomicLong(clock.millis() + intervalMillis);
  }

  /** Whether the chore is due now; true for one caller per interval. */
  boolean due() {
    long now = clock.millis();
    long due = next.get();
    return now >= due && next.compareAndSet(due, now + intervalMillis);
  }
}

package io.addrservice.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a store keeps what is no longer live: tombstones for the change feed, and idempotency
 * keys. The clock is a parameter so that tests can move time.
 *
 * @param clock the time of writes and of expiry
 * @param changes how long tombstones are kept ({@code addrservice.changes.retention})
 */
public record Retention(Clock clock, Duration changes) {
  /** How long an idempotency key is remembered (24 hours). */
  public static final Duration IDEMPOTENCY_KEYS = Duration.ofHours(24);

  /** How often, at most, a store looks for expired tombstones and keys (on a write). */
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  /** The defaults: the system clock and 30 days. */
  public static Retention defaults() {
    return new Retention(Clock.systemUTC(), Duration.ofDays(30));
  }

  Instant now() {
    return clock.instant();
  }

  /** Whether a tombstone written at {@code at} may be dropped. */
  boolean tombstoneExpired(Instant at, Instant now) {
    return at.plus(changes).isBefore(now);
  }

  /** Whether an idempotency key stored at {@code createdAt} is forgotten. */
  static boolean keyExpired(Instant createdAt, Instant now) {
    return !createdAt.plus(IDEMPOTENCY_KEYS).isAfter(now);
  }
}

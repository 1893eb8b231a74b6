package io.addrservice.store;

import java.util.PriorityQueue;

/**
 * Hands out store-wide sequence numbers and says up to which one every write is finished. Writes
 * finish out of order (each waits for its own durable write); a reader of changes must not see
 * number 12 before 11 is visible, or it would move past 11 and never see it.
 */
final class SequenceHorizon {
  private long allocated;
  private volatile long visible;
  private final PriorityQueue<Long> finishedAhead = new PriorityQueue<>();

  /** The next number; {@link #finish} must be called with it whether the write succeeds or not. */
  synchronized long next() {
    return ++allocated;
  }

  /** The write with this number is visible (or failed and will never be). */
  synchronized void finish(long sequence) {
    finishedAhead.add(sequence);
    while (!finishedAhead.isEmpty() && finishedAhead.peek() == visible + 1) {
      finishedAhead.poll();
      visible++;
    }
  }

  /** Every number up to this one is finished. */
  long visible() {
    return visible;
  }

  /** The last number handed out. */
  synchronized long last() {
    return allocated;
  }

  /** Continues after {@code last}, with everything up to it finished (after a replay). */
  synchronized void restart(long last) {
    allocated = Math.max(allocated, last);
    visible = allocated;
    finishedAhead.clear();
  }
}

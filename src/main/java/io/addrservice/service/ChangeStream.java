package io.addrservice.service;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One open change stream: where its client is in the feed, the events it has not taken yet (at most
 * {@code capacity}), and what the client asked for. Events reach the subscriber only as it requests
 * them, one thread at a time; {@link ChangeFeed}'s dispatcher reads the store for it only as much
 * as fits, so a slow client costs reads at its own pace, never memory. What the dispatcher queues
 * reaches the subscriber on the stream's own executor (its connection's thread in the service): one
 * dispatcher serves every stream, and hands each its events without writing any itself.
 */
final class ChangeStream implements Flow.Publisher<StreamEvent>, Flow.Subscription {
  /** What the stream tells the feed. */
  interface Listener {
    void opened(ChangeStream stream);

    void roomAgain(ChangeStream stream);

    void closed(ChangeStream stream);
  }

  final String owner;
  private final int capacity;
  private final Listener listener;
  private final LongSupplier nanoTime;
  private final Executor delivery;

  // Read and written by the feed's dispatcher thread only.
  SyncTokens.Position position;
  String lastQueuedToken;
  volatile boolean behind;

  private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
  private final AtomicInteger draining = new AtomicInteger();
  // Guarded by this.
  private long demand;
  private boolean finishing;
  private boolean done;
  private long lastActivity;
  private String lastTakenToken;
  private Flow.Subscriber<? super StreamEvent> subscriber;

  ChangeStream(
      String owner,
      SyncTokens.Position start,
      String startToken,
      int capacity,
      Listener listener,
      LongSupplier nanoTime,
      Executor delivery) {
    this.owner = owner;
    this.position = start;
    this.lastQueuedToken = startToken;
    this.lastTakenToken = startToken;
    this.capacity = capacity;
    this.listener = listener;
    this.nanoTime = nanoTime;
    this.delivery = delivery;
    this.lastActivity = nanoTime.getAsLong();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
    synchronized (this) {
      if (this.subscriber == null) {
        this.subscriber = subscriber;
      } else {
        subscriber.onSubscribe(this);
        subscriber.onError(new IllegalStateException("A change stream has one subscriber"));
        return;
      }
    }
    subscriber.onSubscribe(this);
    listener.opened(this);
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      cancel();
      subscriber.onError(new IllegalArgumentException("request must be positive: " + n));
      return;
    }
    synchronized (this) {
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
    }
    drain();
  }

  @Override
  public void cancel() {
    boolean first;
    synchronized (this) {
      first = !done;
      done = true;
      queue.clear();
    }
    if (first) {
      listener.closed(this);
    }
  }

  /** How many more events the stream can hold now (0 once it is finishing or closed). */
  synchronized int room() {
    return finishing || done ? 0 : capacity - queue.size();
  }

  synchronized boolean open() {
    return !finishing && !done;
  }

  /** Queues events, at most {@link #room()} of them. */
  void offer(List<StreamEvent> events) {
    synchronized (this) {
      if (finishing || done) {
        return;
      }
      if (queue.isEmpty()) {
        lastActivity = nanoTime.getAsLong();
      }
      queue.addAll(events);
    }
    deliver();
  }

  /** Queues a heartbeat when nothing waits and nothing was sent for {@code silence} nanoseconds. */
  void heartbeatIfSilent(long now, long silence) {
    synchronized (this) {
      if (finishing || done || !queue.isEmpty() || now - lastActivity < silence) {
        return;
      }
      queue.add(new StreamEvent(StreamEvent.Kind.HEARTBEAT, null, null, null));
      lastActivity = now;
    }
    deliver();
  }

  /**
   * Whether events have waited {@code timeout} nanoseconds without the client taking any: it is too
   * slow (or gone without closing), and is dropped.
   */
  synchronized boolean stalled(long now, long timeout) {
    return !finishing && !done && !queue.isEmpty() && now - lastActivity >= timeout;
  }

  /** Drops what waits and ends the stream with a last event naming the last token it took. */
  void dropWithResume() {
    synchronized (this) {
      queue.clear();
    }
    finish(StreamEvent.Kind.RESUME, lastTakenToken());
  }

  /** Ends the stream after what is queued, with a last event of this kind. */
  void finish(StreamEvent.Kind kind, String token) {
    synchronized (this) {
      if (finishing || done) {
        return;
      }
      queue.add(new StreamEvent(kind, token, null, null));
      finishing = true;
    }
    deliver();
  }

  private synchronized String lastTakenToken() {
    return lastTakenToken;
  }

  /** Hands what is queued to the subscriber on the stream's executor. */
  private void deliver() {
    delivery.execute(this::drain);
  }

  private void drain() {
    if (draining.getAndIncrement() != 0) {
      return;
    }
    do {
      while (true) {
        StreamEvent next;
        boolean complete = false;
        synchronized (this) {
          if (done || subscriber == null) {
            break;
          }
          if (queue.isEmpty()) {
            if (!finishing) {
              break;
            }
            done = true;
            complete = true;
            next = null;
          } else if (demand == 0) {
            break;
          } else {
            next = queue.poll();
            demand--;
            lastActivity = nanoTime.getAsLong();
            if (next.kind() == StreamEvent.Kind.CHANGE) {
              lastTakenToken = next.token();
            }
          }
        }
        if (complete) {
          // Closed before completion is signalled: whoever sees the end sees the stream gone.
          listener.closed(this);
          subscriber.onComplete();
          break;
        }
        subscriber.onNext(next);
      }
    } while (draining.decrementAndGet() != 0);
    if (behind && room() >= capacity / 2) {
      listener.roomAgain(this);
    }
  }
}

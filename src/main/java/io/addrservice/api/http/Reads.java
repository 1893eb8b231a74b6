package io.addrservice.api.http;

import io.addrservice.config.AddrServiceConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs the read endpoints where the configured engine allows: on the event-loop thread that
 * received the request when the engine reads only memory (memory and file hold every entry in
 * memory), which saves two thread hand-offs per request; on a worker thread otherwise (a database),
 * so the event loop never waits.
 */
@Singleton
public class Reads {
  private final boolean fromMemory;

  @Inject
  Reads(AddrServiceConfig config) {
    this(fromMemory(config.store().kind()));
  }

  /** Reads that run on the calling event loop when {@code fromMemory}, else on a worker. */
  public Reads(boolean fromMemory) {
    this.fromMemory = fromMemory;
  }

  /** Whether the engine answers reads from memory, never waiting for a disk or a network. */
  public static boolean fromMemory(AddrServiceConfig.StoreKind kind) {
    return switch (kind) {
      case MEMORY, FILE -> true;
      case POSTGRESQL -> false;
    };
  }

  /** Whether reads are answered from memory, on the event loop. */
  public boolean fromMemory() {
    return fromMemory;
  }

  /**
   * The answer of {@code read}: computed now on this thread (a failure is thrown here, as from any
   * resource method), or later on a worker.
   */
  public <T> CompletionStage<T> run(Supplier<T> read) {
    Context context = Vertx.currentContext();
    if (fromMemory || context == null) {
      // A completed stage, not a Uni: no context capture or subscription on the hot path.
      return CompletableFuture.completedFuture(read.get());
    }
    // The request's own (duplicated) context: the worker sees its request id, and the answer
    // comes back on the event loop that owns the connection.
    return context.executeBlocking(read::get, false).toCompletionStage();
  }
}

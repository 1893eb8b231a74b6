package io.addrservice.api.http;

import io.addrservice.service.AddressBookService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs the read endpoints where the store allows: on the event-loop thread that received the
 * request when the store reads only memory (the memory and file engines), which saves two thread
 * hand-offs per request; on a worker thread otherwise (a database), so the event loop never waits.
 */
@Singleton
public class Reads {
  private final boolean inMemory;

  Reads(AddressBookService service) {
    this.inMemory = service.readsFromMemory();
  }

  /**
   * The answer of {@code read}: computed now on this thread (a failure is thrown here, as from any
   * resource method), or later on a worker.
   */
  public <T> CompletionStage<T> run(Supplier<T> read) {
    Context context = Vertx.currentContext();
    if (inMemory || context == null) {
      // A completed stage, not a Uni: no context capture or subscription on the hot path.
      return CompletableFuture.completedFuture(read.get());
    }
    // The request's own (duplicated) context: the worker sees its request id, and the answer
    // comes back on the event loop that owns the connection.
    return context.executeBlocking(read::get, false).toCompletionStage();
  }
}

package io.addrservice.api.http;

import io.quarkus.virtual.threads.VirtualThreads;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Runs the write endpoints off the event loop: on a virtual thread of their own where the JVM has
 * them (Java 21 and later, unless built with {@code quarkus.virtual-threads.enabled=false}), else
 * on a worker thread, as a blocking resource method would run.
 *
 * <p>A durable write waits for the fsync that covers it, shared with the writes around it (group
 * commit). A worker thread waits parked in the kernel, and each of the writes an fsync covers then
 * costs two switches of OS threads; a virtual thread waits unmounted from its carrier, and resumes
 * on one without them: on the file store, that cut the CPU of a durable POST by two fifths
 * (bench/README.md).
 */
@Singleton
public class Writes {
  /** The first Java release with virtual threads as a standard feature. */
  private static final int VIRTUAL_THREADS_SINCE = 21;

  /** Virtual threads, or null for the worker pool. */
  private final Executor virtualThreads;

  @Inject
  Writes(@VirtualThreads Instance<ExecutorService> virtualThreads) {
    // Asked for only where they exist: on Java 17 Quarkus would warn that it falls back.
    this(
        Runtime.version().feature() >= VIRTUAL_THREADS_SINCE && virtualThreads.isResolvable()
            ? virtualThreads.get()
            : null);
  }

  /** Writes that run on {@code virtualThreads}, or on workers when it is null. */
  public Writes(Executor virtualThreads) {
    this.virtualThreads = virtualThreads;
  }

  /**
   * The answer of {@code write}, computed on another thread and handed back on the request's event
   * loop; a failure completes the stage as it was thrown. Off an event loop (a direct call), it is
   * computed now on this thread.
   */
  public <T> CompletionStage<T> run(Supplier<T> write) {
    Context context = Vertx.currentContext();
    if (context == null || !Context.isOnEventLoopThread()) {
      return CompletableFuture.completedFuture(write.get());
    }
    if (virtualThreads == null) {
      // The request's own (duplicated) context: the worker sees its request id.
      return context.executeBlocking(write::get, false).toCompletionStage();
    }
    CompletableFuture<T> answer = new CompletableFuture<>();
    // Quarkus's executor runs the task in the request's context, as executeBlocking does.
    virtualThreads.execute(
        () -> {
          T value;
          try {
            value = write.get();
          } catch (Throwable failure) {
            context.runOnContext(ignored -> answer.completeExceptionally(failure));
            return;
          }
          context.runOnContext(ignored -> answer.complete(value));
        });
    return answer;
  }
}

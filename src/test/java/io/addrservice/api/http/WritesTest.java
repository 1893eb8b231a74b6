package io.addrservice.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where writes run: on the executor of virtual threads when there is one, else on a worker; the
 * answer or the failure always comes back on the request's event loop, as it was.
 */
class WritesTest {
  private final Vertx vertx = Vertx.vertx();
  private final ExecutorService threads =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "write-thread"));

  @AfterEach
  void close() throws Exception {
    threads.shutdownNow();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void writesRunOnTheGivenExecutor() throws Exception {
    assertEquals(
        "write-thread", onEventLoop(new Writes(threads), () -> Thread.currentThread().getName()));
  }

  @Test
  void withoutOneTheyRunOnAWorker() throws Exception {
    assertEquals(
        "worker",
        onEventLoop(
            new Writes((Executor) null), () -> Context.isOnWorkerThread() ? "worker" : "other"));
  }

  @Test
  void aFailureComesBackAsItWasThrown() {
    IllegalStateException thrown = new IllegalStateException("refused");
    for (Writes writes : new Writes[] {new Writes(threads), new Writes((Executor) null)}) {
      ExecutionException failed =
          assertThrows(
              ExecutionException.class,
              () ->
                  onEventLoop(
                      writes,
                      () -> {
                        throw thrown;
                      }));
      assertSame(thrown, failed.getCause());
    }
  }

  @Test
  void offAnEventLoopTheWriteRunsNow() {
    Thread caller = Thread.currentThread();
    CompletableFuture<Thread> ran =
        new Writes(threads).run(Thread::currentThread).toCompletableFuture();
    assertTrue(ran.isDone());
    assertSame(caller, ran.join());
  }

  /** Runs a write from an event loop and returns its answer, checking where it came back. */
  private <T> T onEventLoop(Writes writes, Supplier<T> write) throws Exception {
    CompletableFuture<T> answer = new CompletableFuture<>();
    vertx
        .getOrCreateContext()
        .runOnContext(
            ignored ->
                writes
                    .run(write)
                    .whenComplete(
                        (value, failure) -> {
                          if (!Context.isOnEventLoopThread()) {
                            answer.completeExceptionally(
                                new AssertionError("the answer came back off the event loop"));
                          } else if (failure != null) {
                            answer.completeExceptionally(failure);
                          } else {
                            answer.complete(value);
                          }
                        }));
    return answer.get(10, TimeUnit.SECONDS);
  }
}

package io.addrservice.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.config.AddrServiceConfig.StoreKind;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where reads run: on the event loop for the engines that read memory, else on a worker. */
class ReadsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theMemoryAndFileEnginesReadFromMemoryAndPostgresqlDoesNot() {
    assertTrue(Reads.fromMemory(StoreKind.MEMORY));
    assertTrue(Reads.fromMemory(StoreKind.FILE));
    assertFalse(Reads.fromMemory(StoreKind.POSTGRESQL));
  }

  @Test
  void inMemoryReadsRunOnTheCallingEventLoop() throws Exception {
    assertEquals("event loop", onEventLoop(new Reads(true)));
  }

  @Test
  void otherReadsRunOnAWorkerInTheRequestsContext() throws Exception {
    assertEquals("worker", onEventLoop(new Reads(false)));
  }

  /** Runs a read from an event loop, and says where it ran. */
  private String onEventLoop(Reads reads) throws Exception {
    CompletableFuture<String> where = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(
        ignored ->
            reads
                .run(() -> Context.isOnWorkerThread() ? "worker" : "event loop")
                .whenComplete(
                    (answer, failure) -> {
                      assertTrue(Context.isOnEventLoopThread(), "the answer comes back on it");
                      if (failure != null) {
                        where.completeExceptionally(failure);
                      } else {
                        where.complete(answer);
                      }
                    }));
    String answer = where.get(10, TimeUnit.SECONDS);
    assertFalse(answer.isEmpty());
    return answer;
  }
}

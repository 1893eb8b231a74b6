package io.addrservice.api.http;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The service's configuration (mp.context.ThreadContext in application.yaml) carries no thread
 * context into Mutiny's callbacks: Mutiny hands them back as they are, instead of wrapping each in
 * a capture and restore of the CDI and transaction contexts, which Quarkus security's steps paid
 * for on every request in mode jwt. The rest of the suite shows that nothing needed it.
 */
@QuarkusTest
class ContextPropagationTest {
  @Test
  void mutinyCallbacksAreNotWrappedInContextCaptures() {
    Function<String, String> function = String::trim;
    Supplier<String> supplier = () -> "x";
    Runnable runnable = () -> {};
    assertSame(function, Infrastructure.decorate(function));
    assertSame(supplier, Infrastructure.decorate(supplier));
    assertSame(runnable, Infrastructure.decorate(runnable));
  }
}

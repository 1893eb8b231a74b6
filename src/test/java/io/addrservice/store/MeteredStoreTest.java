package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.Owners;
import io.addrservice.model.VersionMatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeteredStoreTest {
  private static final AddressEntry ENTRY =
      new AddressEntry("Ada Lovelace", List.of(), List.of(), List.of(), List.of());

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private long timed(String operation) {
    return registry
        .get(MeteredStore.OPERATIONS)
        .tag("operation", operation)
        .tag("engine", "memory")
        .timer()
        .count();
  }

  private double entries() {
    return registry.get(MeteredStore.ENTRIES).tag("engine", "memory").gauge().value();
  }

  @Test
  void everyOperationIsTimedAndPassedThrough() {
    AddressStore store = new MeteredStore(new MemoryStore(), registry);
    String id = "0".repeat(31) + "1";
    store.insert(Owners.SHARED_BOOK, id, ENTRY, null);
    assertTrue(store.find(Owners.SHARED_BOOK, id).isPresent());
    assertEquals(
        2, store.replace(Owners.SHARED_BOOK, id, ENTRY, VersionMatch.any()).entry().version());
    assertEquals(1, store.list(Owners.SHARED_BOOK, null, 10, null).size());
    assertEquals(1, store.count());
    assertEquals(1.0, entries());
    store.remove(Owners.SHARED_BOOK, id, VersionMatch.any());
    for (String operation : List.of("insert", "find", "replace", "list", "count", "remove")) {
      assertEquals(1, timed(operation), operation);
    }
    assertEquals(0.0, entries());
    assertEquals("memory", store.engine());
    assertEquals(new MemoryStore().location(), store.location());
    assertEquals(Optional.empty(), store.unavailableReason());
  }

  @Test
  void failedOperationsAreTimedToo() {
    AddressStore store = new MeteredStore(new MemoryStore(), registry);
    String id = "0".repeat(32);
    store.insert(Owners.SHARED_BOOK, id, ENTRY, null);
    assertThrows(
        IllegalStateException.class, () -> store.insert(Owners.SHARED_BOOK, id, ENTRY, null));
    assertEquals(2, timed("insert"));
  }

  @Test
  void theEntriesGaugeDoesNotFailAScrapeWhenTheEngineCannotCount() {
    // An engine that names itself and cannot count, like a database store while it is down.
    AddressStore broken =
        (AddressStore)
            Proxy.newProxyInstance(
                AddressStore.class.getClassLoader(),
                new Class<?>[] {AddressStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("engine")) {
                    return "memory";
                  }
                  throw new IllegalStateException("database unreachable");
                });
    new MeteredStore(broken, registry);
    assertTrue(Double.isNaN(entries()));
  }
}

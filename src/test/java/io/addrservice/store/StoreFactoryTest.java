package io.addrservice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.addrservice.config.AddrServiceConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory opens the configured engine and its disposer releases it. */
class StoreFactoryTest {
  private final StoreFactory factory = new StoreFactory();

  @TempDir Path temp;

  @Test
  void fileOpensTheConfiguredDirectoryAndTheDisposerReleasesIt() throws Exception {
    Path dir = temp.resolve("db");
    AddrServiceConfig config = config(AddrServiceConfig.StoreKind.FILE, dir);
    AddressStore store = factory.store(config);
    assertEquals("file", store.engine());
    assertEquals(dir.toAbsolutePath().toString(), store.location());
    assertThrows(IllegalStateException.class, () -> factory.store(config));

    factory.close(store);

    AddressStore again = factory.store(config);
    assertEquals("file", again.engine());
    factory.close(again);
  }

  @Test
  void memoryNeedsNoDirectory() throws Exception {
    AddressStore store = factory.store(config(AddrServiceConfig.StoreKind.MEMORY, null));
    assertEquals("memory", store.engine());
    factory.close(store);
  }

  /**
   * A config with only the store settings these tests read; a proxy rather than records, so that
   * settings added for other engines need no change here.
   */
  private static AddrServiceConfig config(AddrServiceConfig.StoreKind kind, Path dir) {
    Map<String, Object> settings =
        dir == null
            ? Map.of("kind", kind)
            : Map.of(
                "kind",
                kind,
                "file",
                answering(
                    AddrServiceConfig.FileSettings.class, Map.of("dir", dir, "repair", false)));
    AddrServiceConfig.Store store = answering(AddrServiceConfig.Store.class, settings);
    AddrServiceConfig.Changes changes =
        answering(AddrServiceConfig.Changes.class, Map.of("retention", Duration.ofDays(30)));
    return answering(AddrServiceConfig.class, Map.of("store", store, "changes", changes));
  }

  private static <T> T answering(Class<T> type, Map<String, Object> answers) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
              }
              return answers.get(method.getName());
            });
    return type.cast(proxy);
  }
}

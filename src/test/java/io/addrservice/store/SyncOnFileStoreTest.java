package io.addrservice.store;

import io.addrservice.api.SyncGuarantee;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The change feed's guarantee on the file engine: writes wait for their fsync, and finish out of
 * order.
 */
@QuarkusTest
@TestProfile(SyncOnFileStoreTest.OnFileStore.class)
class SyncOnFileStoreTest {
  /** The file engine in a directory of its own. */
  public static class OnFileStore implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "addrservice.store.kind",
          "file",
          "addrservice.store.file.dir",
          "target/sync-file-store-" + System.nanoTime());
    }
  }

  @TestHTTPResource("/")
  URI base;

  @Test
  void underConcurrentWritersPagesAndStreamEndEqualToTheBook() throws Exception {
    SyncGuarantee.run(
        HttpClient.newHttpClient(), List.of(base), base, base, System.nanoTime(), Duration.ZERO);
  }
}

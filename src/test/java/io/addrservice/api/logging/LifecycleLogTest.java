package io.addrservice.api.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LifecycleLogTest {
  @Inject LifecycleLog lifecycle;

  @Test
  void theStartLineNamesServiceVersionPortAndStore() {
    String line = lifecycle.startLine("0.0.0.0", 18080);
    assertTrue(
        line.startsWith("Address Book 1.0.0-SNAPSHOT started: host=0.0.0.0 port=18080"), line);
    assertTrue(line.contains(" store=memory location=\"memory (lost at exit)\""), line);
    assertTrue(line.endsWith(" profile=test"), line);
  }

  @Test
  void theStopLineNamesServiceAndStore() {
    assertEquals("Address Book 1.0.0-SNAPSHOT stopping: store=memory", lifecycle.stopLine());
  }

  @Test
  void aRandomPortIsReportedAsTheOneBound() {
    int bound =
        ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class).intValue();
    assertTrue(bound > 0);
    assertEquals(bound, lifecycle.actualPort(0));
    assertEquals(bound, lifecycle.actualPort(-1));
    assertEquals(8080, lifecycle.actualPort(8080));
  }
}

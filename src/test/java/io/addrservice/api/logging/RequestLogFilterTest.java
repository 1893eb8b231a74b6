package io.addrservice.api.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.jboss.logging.Logger.Level;
import org.junit.jupiter.api.Test;

class RequestLogFilterTest {

  private static RequestLogFilter filter(Map<String, String> settings) {
    return new RequestLogFilter(new SmallRyeConfigBuilder().withDefaultValues(settings).build());
  }

  @Test
  void levelsFollowTheStatus() {
    RequestLogFilter filter = filter(Map.of());
    assertEquals(Level.INFO, filter.level("/addresses", 201));
    assertEquals(Level.INFO, filter.level("/addresses/x", 304));
    assertEquals(Level.WARN, filter.level("/addresses/x", 400));
    assertEquals(Level.WARN, filter.level("/addresses/x", 412));
    assertEquals(Level.ERROR, filter.level("/addresses", 500));
    assertEquals(Level.ERROR, filter.level("/addresses", 503));
  }

  @Test
  void managementEndpointsAreDebugWhateverTheirStatus() {
    RequestLogFilter filter = filter(Map.of());
    assertEquals(Level.DEBUG, filter.level("/q/metrics", 200));
    assertEquals(Level.DEBUG, filter.level("/q/health/ready", 503));
    assertEquals(Level.DEBUG, filter.level("/q", 404));
    assertEquals(Level.INFO, filter.level("/quarterly", 200));
  }

  @Test
  void theManagementRootFollowsQuarkusSettings() {
    assertEquals("/q", RequestLogFilter.managementRoot("/", "q"));
    assertEquals("/api/q", RequestLogFilter.managementRoot("/api/", "q"));
    assertEquals("/manage", RequestLogFilter.managementRoot("/api", "/manage/"));
    RequestLogFilter moved = filter(Map.of("quarkus.http.non-application-root-path", "/ops"));
    assertEquals(Level.DEBUG, moved.level("/ops/metrics", 200));
    assertEquals(Level.INFO, moved.level("/q/metrics", 200));
  }

  @Test
  void millisecondsHaveTwoDecimals() {
    assertEquals("0.00", RequestLogFilter.millis(4_999));
    assertEquals("0.01", RequestLogFilter.millis(5_000));
    assertEquals("1.20", RequestLogFilter.millis(1_200_000));
    assertEquals("12.35", RequestLogFilter.millis(12_345_678));
    assertEquals("1500.07", RequestLogFilter.millis(1_500_070_000L));
  }
}

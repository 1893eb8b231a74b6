package io.addrservice.api.logging;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.service.AddressBookService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.Config;

/** The start-up and shutdown lines: which service and version, on which port, over which store. */
@ApplicationScoped
class LifecycleLog {
  private final AddrServiceConfig config;
  private final AddressBookService service;
  private final String version;
  private final Config quarkusConfig;

  LifecycleLog(AddrServiceConfig config, AddressBookService service, Config quarkusConfig) {
    this.config = config;
    this.service = service;
    this.quarkusConfig = quarkusConfig;
    // The Maven project version unless quarkus.application.version says otherwise.
    this.version =
        quarkusConfig
            .getOptionalValue("quarkus.application.version", String.class)
            .orElse("unknown");
  }

  /** Once the HTTP server listens: only then is the port known, a random one included. */
  void started(@ObservesAsync HttpServerStart event) {
    Log.info(startLine(event.options().getHost(), actualPort(event.options().getPort())));
  }

  void stopping(@Observes ShutdownEvent event) {
    Log.info(stopLine());
  }

  String startLine(String host, int port) {
    StringBuilder line = new StringBuilder(config.name()).append(' ').append(version);
    line.append(" started:");
    Logfmt.append(line, "host", host);
    line.append(" port=").append(port);
    Logfmt.append(line, "store", service.storageEngine());
    Logfmt.append(line, "location", service.storageLocation());
    Logfmt.append(line, "profile", String.join(",", ConfigUtils.getProfiles()));
    return line.toString();
  }

  String stopLine() {
    StringBuilder line = new StringBuilder(config.name()).append(' ').append(version);
    line.append(" stopping:");
    Logfmt.append(line, "store", service.storageEngine());
    return line.toString();
  }

  /**
   * Port 0 asks for a free port (tests do, and their server options say -1); Quarkus then publishes
   * the one it bound as a system property before it announces the start.
   */
  int actualPort(int configured) {
    if (configured > 0) {
      return configured;
    }
    String property =
        LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
    return quarkusConfig.getOptionalValue(property, Integer.class).orElse(configured);
  }
}

package io.addrservice.store;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.JsonMapping;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ActiveResult;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.flywaydb.core.Flyway;

/** Makes the one store engine that configuration chooses. */
@ApplicationScoped
public class StoreFactory {
  // Looked up only when the postgresql engine is chosen: with any other engine the datasource
  // stays untouched and nothing connects to a database. Fields, not constructor parameters, so
  // the other engines can be made by a plain `new StoreFactory()` in tests.
  @Inject InjectableInstance<AgroalDataSource> dataSource;
  @Inject InjectableInstance<Flyway> flyway;

  /**
   * The engine named by {@code addrservice.store.kind}, opened at start-up so that a store that
   * cannot open (a directory locked by another process, a database that cannot be migrated) stops
   * the service before it serves.
   */
  @Engine
  @Produces
  @Singleton
  @Startup
  AddressStore store(AddrServiceConfig config) {
    AddrServiceConfig.StoreKind kind = config.store().kind();
    Retention retention = new Retention(Clock.systemUTC(), config.changes().retention());
    Log.debugf("Opening the %s store", kind);
    return switch (kind) {
      case MEMORY -> new MemoryStore(retention);
      // A mapper of its own: the files' format must not change with the web layer's settings.
      case FILE ->
          FileStore.open(
              config.store().file().dir(),
              JsonMapping.newMapper(),
              FileStore.Options.defaults()
                  .withRetention(retention)
                  .withRepair(config.store().file().repair()));
      case POSTGRESQL -> openPostgres(retention);
    };
  }

  private AddressStore openPostgres(Retention retention) {
    // Quarkus deactivates the datasource when no URL is set; say which settings are missing
    // instead of failing at the first use of an inactive bean.
    ActiveResult active = dataSource.getHandle().getBean().checkActive();
    if (!active.value()) {
      throw new IllegalStateException(
          "addrservice.store.kind=postgresql needs quarkus.datasource.jdbc.url (and"
              + " quarkus.datasource.username and password): "
              + active.inactiveReason());
    }
    AgroalDataSource database = dataSource.get();
    String url =
        database
            .getConfiguration()
            .connectionPoolConfiguration()
            .connectionFactoryConfiguration()
            .jdbcUrl();
    return new PostgresStore(database, flyway.get(), url, retention);
  }

  /** Releases what the engine holds (the file engine's directory lock) at shutdown. */
  void close(@Disposes @Engine AddressStore store) throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** The writes of this instance, for the change feed's streams. */
  @Produces
  @Singleton
  LocalWrites localWrites() {
    return new LocalWrites();
  }

  /**
   * The store everyone else gets: the engine, timed and counted by {@link MeteredStore}, its writes
   * told to {@link LocalWrites}.
   */
  @Produces
  @Singleton
  AddressStore metered(@Engine AddressStore engine, MeterRegistry registry, LocalWrites writes) {
    return new MeteredStore(new SignallingStore(engine, writes), registry);
  }
}

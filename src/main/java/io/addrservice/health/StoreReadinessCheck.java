package io.addrservice.health;

import io.addrservice.store.AddressStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN while the configured store cannot serve (database unreachable, directory gone or
 * not writable), so a load balancer stops sending traffic; liveness is unaffected.
 */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {
  private final AddressStore store;

  StoreReadinessCheck(AddressStore store) {
    this.store = store;
  }

  @Override
  public HealthCheckResponse call() {
    Optional<String> problem = store.unavailableReason();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named(store.engine() + "-store")
            .status(problem.isEmpty())
            .withData("engine", store.engine())
            .withData("location", store.location());
    problem.ifPresent(reason -> response.withData("reason", reason));
    return response.build();
  }
}

package io.addrservice.api;

import io.quarkus.logging.Log;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only endpoint that fails unexpectedly, to see how a 500 is answered and logged. */
@Path("/test-only/failure")
public class FailingResource {
  /** The message of the exception it throws. */
  public static final String MESSAGE = "deliberate failure for a test";

  /** What it logs before failing, as the service would while serving a request. */
  public static final String LOGGED = "about to fail on purpose";

  /** Logs a line while the request is served, then fails. */
  @GET
  public String fail() {
    Log.info(LOGGED);
    throw new IllegalStateException(MESSAGE);
  }
}

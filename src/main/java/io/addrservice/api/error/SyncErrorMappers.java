package io.addrservice.api.error;

import io.addrservice.service.ChangesExpiredException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 410: a change feed token older than the changes kept. */
public class SyncErrorMappers {
  private final ErrorResponses errors;

  SyncErrorMappers(ErrorResponses errors) {
    this.errors = errors;
  }

  /** The client must sync again without a token. */
  @ServerExceptionMapper
  public Response expired(ChangesExpiredException e, HttpServerRequest request) {
    return errors.of(request, Status.GONE, e.getMessage(), e).build();
  }
}

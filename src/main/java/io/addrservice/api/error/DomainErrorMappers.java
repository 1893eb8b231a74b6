package io.addrservice.api.error;

import io.addrservice.api.http.EntityTags;
import io.addrservice.service.EntryNotFoundException;
import io.addrservice.service.VersionMismatchException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 404 and 412: the entry a request names is missing, or has changed since the client read it. */
public class DomainErrorMappers {
  private final ErrorResponses errors;

  DomainErrorMappers(ErrorResponses errors) {
    this.errors = errors;
  }

  /** No entry with that id: 404 naming the id. */
  @ServerExceptionMapper
  public Response notFound(EntryNotFoundException e, HttpServerRequest request) {
    return errors.of(request, Status.NOT_FOUND, e.getMessage(), e).build();
  }

  /** If-Match named another version: 412, with the current ETag so the client can re-read. */
  @ServerExceptionMapper
  public Response versionMismatch(VersionMismatchException e, HttpServerRequest request) {
    return errors
        .of(request, Status.PRECONDITION_FAILED, e.getMessage(), e)
        .tag(EntityTags.of(e.currentVersion()))
        .build();
  }
}

package io.addrservice.api.error;

import io.addrservice.api.http.EntityTags;
import io.addrservice.service.EntryNotFoundException;
import io.addrservice.service.IdempotencyKeyReusedException;
import io.addrservice.service.SourceChangedException;
import io.addrservice.service.VersionMismatchException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 404 and 412: the entry a request names is missing, or has changed since the client read it. */
public class DomainErrorMappers {
  /** The message of a request that reuses an idempotency key with another entry. */
  public static final String KEY_REUSED = "Idempotency-Key reused with another entry";

  private static final Response.StatusType UNPROCESSABLE =
      new Response.StatusType() {
        @Override
        public int getStatusCode() {
          return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
          return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
          return "Unprocessable Content";
        }
      };

  private final ErrorResponses errors;

  DomainErrorMappers(ErrorResponses errors) {
    this.errors = errors;
  }

  /** No entry with that id: 404 naming the id. */
  @ServerExceptionMapper
  public Response notFound(EntryNotFoundException e, HttpServerRequest request) {
    return errors.of(request, Status.NOT_FOUND, e.getMessage(), e).build();
  }

  /**
   * An Idempotency-Key that created an entry came again with another entry: 422, nothing stored
   * (the IETF httpapi draft's answer to a key reused with a different request).
   */
  @ServerExceptionMapper
  public Response keyReused(IdempotencyKeyReusedException e, HttpServerRequest request) {
    return errors.of(request, UNPROCESSABLE, KEY_REUSED, e).build();
  }

  /**
   * A merge named a version of one of its sources that is not the current one: 412, without an ETag
   * (the target's tag is not what changed).
   */
  @ServerExceptionMapper
  public Response sourceChanged(SourceChangedException e, HttpServerRequest request) {
    return errors.of(request, Status.PRECONDITION_FAILED, e.getMessage(), e).build();
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

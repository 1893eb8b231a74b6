package io.addrservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.addrservice.api.error.ErrorBody;
import io.addrservice.api.http.AllowedMethods;
import io.addrservice.api.http.Caller;
import io.addrservice.api.openapi.AddressBookApplication;
import io.addrservice.api.openapi.ComponentNames;
import io.addrservice.api.openapi.Examples;
import io.addrservice.api.openapi.OpenApiPageLimits;
import io.addrservice.service.ChangeFeed;
import io.addrservice.service.ChangePage;
import io.addrservice.service.ChangesExpiredException;
import io.addrservice.service.StreamEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The change feed: {@code GET /addresses/changes}, as pages or as a stream. */
@Path("/addresses/changes")
@Tag(name = "Sync", description = "Keep a copy of the book in step: the change feed")
@SecurityRequirement(name = AddressBookApplication.BEARER)
@APIResponse(responseCode = "401", ref = ComponentNames.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN)
public class SyncResource {
  /** The header a reconnecting EventSource sends with the last event's id. */
  static final String LAST_EVENT_ID = "Last-Event-ID";

  private static final String SINCE = "since";

  private final ChangeFeed feed;
  private final Caller caller;
  private final ObjectWriter json;

  SyncResource(ChangeFeed feed, Caller caller, ObjectMapper mapper) {
    this.feed = feed;
    this.caller = caller;
    this.json = mapper.writer();
  }

  /** A page of changes. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Changes since a token (sync)",
      description =
          "Without `since`: every live entry, a page at a time, then in `next` the token to"
              + " continue from (deletions made while the pages are read come as tombstones)."
              + " With `since`: each entry changed after the token once, in its latest state,"
              + " deletions as tombstones (`deleted: true`). A `Link: <...>; rel=\"next\"` header"
              + " is present exactly when more changes follow at once; then `next` is that page's"
              + " token, else the token of the next sync. A page may hold fewer changes than"
              + " `limit` (deletions a full sync leaves out) and still be followed by another."
              + " Tokens are opaque and belong to one store and one book.\n\n"
              + "With `Accept: text/event-stream` the same path streams the changes as"
              + " Server-Sent Events, `event: change`, `id:` the token through that change, so that"
              + " a reconnection with `Last-Event-ID` (which wins over `since`) resumes exactly"
              + " there; without either, the stream starts with a full sync. A `: heartbeat`"
              + " comment comes at least every addrservice.changes.heartbeat (15 s). A client that"
              + " takes no event for addrservice.changes.stall-timeout while events wait is"
              + " dropped with a last `event: resume` naming its last token; `event: expired`"
              + " means sync again without a token. On PostgreSQL the stream sees the writes of"
              + " every instance (polling, addrservice.changes.poll-interval).")
  @APIResponse(
      responseCode = "200",
      description = "A page of changes and the token that follows it, or a stream of changes",
      headers = @Header(name = ComponentNames.LINK, ref = ComponentNames.LINK),
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChangePage.class),
            examples = @ExampleObject(name = "changes", value = Examples.CHANGE_PAGE)),
        @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "events", value = Examples.CHANGE_EVENTS))
      })
  @APIResponse(
      responseCode = "400",
      description =
          "A malformed or out-of-range limit, or a token (since, Last-Event-ID) that is malformed"
              + " or from another store or book",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class),
              examples = {
                @ExampleObject(name = "bad limit", value = Examples.BAD_QUERY),
                @ExampleObject(name = "bad token", value = Examples.BAD_TOKEN)
              }))
  @APIResponse(
      responseCode = "410",
      description =
          "The token is older than the deletions kept (addrservice.changes.retention): sync again"
              + " without since",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class),
              examples = @ExampleObject(name = "expired", value = Examples.TOKEN_EXPIRED)))
  @APIResponse(responseCode = "406", ref = ComponentNames.NOT_ACCEPTABLE)
  public Response changes(
      @Parameter(
              description = "The token of the last page or sync; absent for a full sync",
              schema = @Schema(type = SchemaType.STRING))
          @QueryParam(SINCE)
          String since,
      // The maximum and the default are configuration: OpenApiPageLimits writes them in at start.
      @Parameter(
              description = "Changes per page",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam(OpenApiPageLimits.LIMIT)
          String limit) {
    ChangePage page = feed.page(caller.owner(), since, limit);
    Response.ResponseBuilder response = Response.ok(page, MediaType.APPLICATION_JSON_TYPE);
    if (page.more()) {
      response.header(
          "Link",
          "</addresses/changes?since="
              + page.next()
              + "&limit="
              + page.limit()
              + ">; rel=\"next\"");
    }
    return response.build();
  }

  /** The same changes as Server-Sent Events, documented with {@link #changes}. */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(hidden = true)
  // The token's check reads the store: a worker thread, never the event loop.
  @Blocking
  public Multi<OutboundSseEvent> stream(
      @QueryParam(SINCE) String since,
      @HeaderParam(LAST_EVENT_ID) String lastEventId,
      @Context Sse sse) {
    boolean resumed = lastEventId != null && !lastEventId.isEmpty();
    return Multi.createFrom()
        .publisher(
            feed.stream(
                caller.owner(),
                resumed ? lastEventId : since,
                resumed ? LAST_EVENT_ID : SINCE,
                onConnection()))
        .map(event -> asSse(sse, event));
  }

  /**
   * Runs on the request's Vert.x context: its connection's event loop, where writes to the client
   * go without a hand-off, and the streams of many connections on all event loops at once.
   */
  private static Executor onConnection() {
    io.vertx.core.Context context = Vertx.currentContext();
    if (context == null) {
      return Runnable::run;
    }
    return task -> context.runOnContext(ignored -> task.run());
  }

  private OutboundSseEvent asSse(Sse sse, StreamEvent event) {
    return switch (event.kind()) {
      case CHANGE ->
          sse.newEventBuilder().name("change").id(event.token()).data(event.json()).build();
      case HEARTBEAT -> sse.newEventBuilder().comment("heartbeat").build();
      case RESUME -> {
        OutboundSseEvent.Builder last = sse.newEventBuilder().name("resume");
        String message;
        if (event.token() == null) {
          message =
              "The stream ends here (a client too slow, or the service stopping): sync again without since";
        } else {
          last.id(event.token());
          message =
              "The stream ends here (a client too slow, or the service stopping): reconnect with"
                  + " Last-Event-ID (this event's id) to resume";
        }
        yield last.data(write(Map.of("message", message))).build();
      }
      // An empty id clears the client's last event id: its reconnection starts afresh.
      case EXPIRED ->
          sse.newEventBuilder()
              .name("expired")
              .id("")
              .data(write(Map.of("message", ChangesExpiredException.MESSAGE)))
              .build();
    };
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a change as JSON", e);
    }
  }

  /** The methods of the change feed. */
  @OPTIONS
  @Operation(summary = "Methods of /addresses/changes", hidden = true)
  public Response options() {
    return Response.ok().header(HttpHeaders.ALLOW, AllowedMethods.CHANGES).build();
  }
}

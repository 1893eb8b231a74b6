package io.addrservice.api;

import io.addrservice.api.body.EntryBodies;
import io.addrservice.api.body.MergeRequest;
import io.addrservice.api.error.ErrorBody;
import io.addrservice.api.http.AllowedMethods;
import io.addrservice.api.http.Caller;
import io.addrservice.api.http.EntityTags;
import io.addrservice.api.http.Writes;
import io.addrservice.api.openapi.AddressBookApplication;
import io.addrservice.api.openapi.ComponentNames;
import io.addrservice.api.openapi.Examples;
import io.addrservice.api.openapi.OpenApiPageLimits;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.DuplicateGroup;
import io.addrservice.service.DuplicateIndex;
import io.addrservice.service.DuplicatePage;
import io.addrservice.service.EntryMerger;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Likely duplicates of the caller's book, and merging them: {@code /addresses/duplicates}. */
@Path("/addresses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Duplicates", description = "Find the entries that are the same person, and merge them")
@SecurityRequirement(name = AddressBookApplication.BEARER)
@APIResponse(responseCode = "401", ref = ComponentNames.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN)
public class DuplicatesResource {
  private final DuplicateIndex duplicates;
  private final EntryMerger merger;
  private final EntryBodies bodies;
  private final Caller caller;
  private final Writes writes;

  DuplicatesResource(
      DuplicateIndex duplicates,
      EntryMerger merger,
      EntryBodies bodies,
      Caller caller,
      Writes writes) {
    this.duplicates = duplicates;
    this.merger = merger;
    this.bodies = bodies;
    this.caller = caller;
    this.writes = writes;
  }

  /** Lists groups of likely duplicates, a page at a time. */
  @GET
  @Path("duplicates")
  @Operation(
      summary = "List likely duplicates",
      description =
          "Groups of entries that are likely the same person: the same e-mail address ignoring"
              + " case, the same phone or fax number (country code, area code and local number,"
              + " whatever the kind), or the same full name ignoring case, accents, punctuation and"
              + " spacing, in any script. Groups are closed under these reasons (A~B and B~C make"
              + " one group of three); each names every value two or more of its entries share."
              + " Ordered by each group's first id and paged like the listing: `limit` groups,"
              + " `after` the first id of the last group seen, and a `Link: <...>; rel=\"next\"`"
              + " header exactly when more groups follow. Every write acknowledged before the"
              + " request is reflected.")
  @APIResponse(
      responseCode = "200",
      description = "A page of groups",
      headers = @Header(name = ComponentNames.LINK, ref = ComponentNames.LINK),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      requiredProperties = {"groups"},
                      properties =
                          @SchemaProperty(
                              name = "groups",
                              type = SchemaType.ARRAY,
                              implementation = DuplicateGroup.class)),
              examples = @ExampleObject(name = "duplicates", value = Examples.DUPLICATES)))
  @APIResponse(responseCode = "400", ref = ComponentNames.INVALID_QUERY)
  public Response list(
      // The maximum and the default are configuration: OpenApiPageLimits writes them in at start.
      @Parameter(
              description = "Groups per page",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam(OpenApiPageLimits.LIMIT)
          String limit,
      @Parameter(
              description =
                  "Return the groups whose first id is greater than this one (keyset paging)",
              schema = @Schema(type = SchemaType.STRING, pattern = EntryIds.ID_PATTERN))
          @QueryParam("after")
          String after) {
    // On a worker thread, whatever the engine: the first request for a book builds its index.
    DuplicatePage page = duplicates.page(caller.owner(), after, limit);
    Response.ResponseBuilder response = Response.ok(Map.of("groups", page.groups()));
    if (page.nextAfter() != null) {
      response.header(
          "Link",
          "</addresses/duplicates?after="
              + page.nextAfter()
              + "&limit="
              + page.limit()
              + ">; rel=\"next\"");
    }
    return response.build();
  }

  /** Merges other entries into one. */
  @POST
  @Path(AddressBookResource.ID + "/merge")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Merge entries into one",
      description =
          "The target (the path's entry) gains the addresses, phone and fax numbers and e-mails of"
              + " the entries in `from` that it does not already have (e-mails compared ignoring"
              + " case, numbers by their digits, addresses by their fields; the target's items"
              + " first, then each source's in the order given; the target's name is kept), and"
              + " the entries in `from` are deleted: one atomic step, nothing or everything, in"
              + " every engine and across a crash. The merged entry is validated like a PUT body."
              + " With If-Match, only if the target is at a version it names; a source given as"
              + " `{\"id\", \"version\"}` only if it is at that version. The change feed shows the"
              + " merge as an update of the target and a deletion of each source. At most "
              + EntryMerger.MAX_SOURCES
              + " sources.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      requiredProperties = {"from"},
                      additionalProperties = Schema.False.class,
                      properties =
                          @SchemaProperty(
                              name = "from",
                              type = SchemaType.ARRAY,
                              minItems = 1,
                              maxItems = EntryMerger.MAX_SOURCES,
                              description =
                                  "The entries to fold into the target: ids, or {\"id\","
                                      + " \"version\"} objects to merge only if the entry is at"
                                      + " that version")),
              examples = @ExampleObject(name = "merge", value = Examples.MERGE_REQUEST)))
  @APIResponse(
      responseCode = "200",
      description = "Merged: the target as it is now",
      headers = @Header(name = HttpHeaders.ETAG, ref = ComponentNames.ETAG),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AddressEntry.class),
              examples = @ExampleObject(name = "merged", value = Examples.ENTRY)))
  @APIResponse(
      responseCode = "400",
      description =
          "Invalid JSON body; Invalid merge request (no `from`, an item that is neither an id nor"
              + " an {id, version} object, the target among the sources, a source named twice;"
              + " every violation listed with its JSON path); or an empty or malformed If-Match",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class),
              examples = {
                @ExampleObject(name = "invalid merge", value = Examples.INVALID_MERGE),
                @ExampleObject(name = "invalid JSON", value = Examples.INVALID_JSON)
              }))
  @APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN_WRITE)
  @APIResponse(
      responseCode = "404",
      description = "The target or a source is not an entry of the book; the message names it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class),
              examples = @ExampleObject(name = "not found", value = Examples.NOT_FOUND)))
  @APIResponse(
      responseCode = "412",
      description =
          "If-Match does not name the target's current version (the response carries the"
              + " target's current ETag), or a source is not at the version given for it (no"
              + " ETag); nothing is changed",
      headers = @Header(name = HttpHeaders.ETAG, ref = ComponentNames.ETAG),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorBody.class),
              examples = {
                @ExampleObject(name = "target changed", value = Examples.TARGET_CHANGED),
                @ExampleObject(name = "source changed", value = Examples.SOURCE_CHANGED)
              }))
  @APIResponse(responseCode = "413", ref = ComponentNames.BODY_TOO_LARGE)
  @APIResponse(responseCode = "415", ref = ComponentNames.UNSUPPORTED_MEDIA_TYPE)
  @NonBlocking
  public CompletionStage<Response> merge(
      @Parameter(ref = ComponentNames.ID) @PathParam("id") String id,
      @Parameter(ref = ComponentNames.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH)
          List<String> ifMatch,
      MergeRequest request) {
    String owner = caller.owner();
    VersionMatch expected = EntityTags.ifMatch(ifMatch);
    return writes.run(() -> mergeNow(owner, id, expected, request));
  }

  private Response mergeNow(String owner, String id, VersionMatch expected, MergeRequest request) {
    VersionedEntry merged = merger.merge(owner, id, request.json(), expected);
    EntryBodies.Body body = bodies.of(merged);
    request
        .json()
        .path("from")
        .forEach(
            source ->
                bodies.forget(
                    source.isTextual() ? source.textValue() : source.path("id").asText()));
    return Response.ok(body.json(), EntryBodies.JSON_UTF8).tag(body.tag()).build();
  }

  /** The methods of the duplicates. */
  @OPTIONS
  @Path("duplicates")
  @Operation(summary = "Methods of /addresses/duplicates", hidden = true)
  public Response duplicatesOptions() {
    return Response.ok().header(HttpHeaders.ALLOW, AllowedMethods.DUPLICATES).build();
  }

  /** The methods of a merge. */
  @OPTIONS
  @Path(AddressBookResource.ID + "/merge")
  @Operation(summary = "Methods of /addresses/{id}/merge", hidden = true)
  public Response mergeOptions() {
    return Response.ok().header(HttpHeaders.ALLOW, AllowedMethods.MERGE).build();
  }
}

package io.addrservice.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.api.body.CardMediaTypes;
import io.addrservice.api.body.DroppedHeader;
import io.addrservice.api.body.EntryBodies;
import io.addrservice.api.body.EntryInput;
import io.addrservice.api.body.PatchDocument;
import io.addrservice.api.body.Representation;
import io.addrservice.api.http.AllowedMethods;
import io.addrservice.api.http.Caller;
import io.addrservice.api.http.EntityTags;
import io.addrservice.api.http.Reads;
import io.addrservice.api.http.Writes;
import io.addrservice.api.openapi.AddressBookApplication;
import io.addrservice.api.openapi.ComponentNames;
import io.addrservice.api.openapi.Examples;
import io.addrservice.api.openapi.OpenApiPageLimits;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.AddressBookService;
import io.addrservice.service.EntryPatcher;
import io.addrservice.service.Page;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The address book over HTTP: maps requests to {@link AddressBookService} calls and back. */
@Path("/addresses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Addresses", description = "Create, read, update, delete, list and search entries")
@SecurityRequirement(name = AddressBookApplication.BEARER)
@APIResponse(responseCode = "401", ref = ComponentNames.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN)
public class AddressBookResource {
  /**
   * An id in a path: never one of the fixed names under /addresses/, so that a method those paths
   * do not have is 405 there, not a look-up of an id named "export".
   */
  static final String ID =
      "{id: (?!(?:changes|export|import|duplicates)$)" + EntryIds.PATH_REGEX + "}";

  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /**
   * An entry's representation depends on Accept; Accept-Encoding is named again because this header
   * replaces the one the configuration adds to every response.
   */
  private static final String VARY = "Accept, Accept-Encoding";

  /** RFC 5789 §3.1: the patch document types a resource takes. */
  private static final String ACCEPT_PATCH = "Accept-Patch";

  private final AddressBookService service;
  private final Reads reads;
  private final Writes writes;
  private final EntryBodies bodies;
  private final EntryPatcher patcher;
  private final ObjectMapper mapper;

  private final Caller caller;

  AddressBookResource(
      AddressBookService service,
      Reads reads,
      Writes writes,
      EntryBodies bodies,
      EntryPatcher patcher,
      ObjectMapper mapper,
      Caller caller) {
    this.service = service;
    this.reads = reads;
    this.writes = writes;
    this.bodies = bodies;
    this.patcher = patcher;
    this.mapper = mapper;
    this.caller = caller;
  }

  /** Creates an entry. */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Create an entry", description = "Stores a new entry under a new id.")
  @RequestBody(ref = ComponentNames.ENTRY)
  @APIResponse(
      responseCode = "201",
      description = "Created; the body is empty",
      headers = {
        @Header(name = HttpHeaders.LOCATION, ref = ComponentNames.LOCATION),
        @Header(name = HttpHeaders.ETAG, ref = ComponentNames.ETAG),
        @Header(name = DroppedHeader.NAME, ref = ComponentNames.CARD_DROPPED)
      })
  @APIResponse(responseCode = "400", ref = ComponentNames.INVALID_BODY)
  @APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN_WRITE)
  @APIResponse(responseCode = "413", ref = ComponentNames.BODY_TOO_LARGE)
  @APIResponse(responseCode = "415", ref = ComponentNames.UNSUPPORTED_MEDIA_TYPE)
  @APIResponse(responseCode = "422", ref = ComponentNames.IDEMPOTENCY_KEY_REUSED)
  @NonBlocking
  public CompletionStage<Response> create(
      @Parameter(
              description =
                  "Makes a retry safe (IETF httpapi draft): a POST with the same key and an equal"
                      + " entry within 24 hours gets the first answer (the same Location and ETag)"
                      + " and creates nothing; with another entry it is 422. One quoted string of 1"
                      + " to 255 printable ASCII characters; anything else is 400.",
              example = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      pattern = "^\"([\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\"\\\\]){1,255}\"$"))
          @HeaderParam(IDEMPOTENCY_KEY)
          String idempotencyKey,
      EntryInput input) {
    // The owner now, on the request's thread: the write runs on another (api.http.Writes).
    String owner = caller.owner();
    return writes.run(
        () -> {
          // The header's text is the key: api.http.RequestFraming has checked it is one valid
          // Structured Field string, whose text is canonical.
          VersionedEntry created = service.create(owner, input.entry(), idempotencyKey);
          // A relative Location, exactly as the seed service sends it.
          return dropped(Response.status(Status.CREATED), input)
              .header(HttpHeaders.LOCATION, "/addresses/" + created.id())
              .tag(EntityTags.of(created.version()))
              .build();
        });
  }

  /** Names in {@value DroppedHeader#NAME} what a card held that the entry could not keep. */
  private static Response.ResponseBuilder dropped(
      Response.ResponseBuilder response, EntryInput in) {
    for (String value : DroppedHeader.values(in.dropped())) {
      response.header(DroppedHeader.NAME, value);
    }
    return response;
  }

  /** Lists entries in id order, a page at a time, optionally filtered. */
  @GET
  @Operation(
      summary = "List or search entries",
      description =
          "Entries in id order (creation order) as an object keyed by id. Keyset paging with"
              + " `after` and `limit`; a `Link: <...>; rel=\"next\"` header is present exactly"
              + " when more entries follow.")
  @APIResponse(
      responseCode = "200",
      description = "A page of entries, keyed by id",
      headers = @Header(name = ComponentNames.LINK, ref = ComponentNames.LINK),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.OBJECT, additionalProperties = AddressEntry.class),
              examples = @ExampleObject(name = "listing", value = Examples.LISTING)))
  @APIResponse(responseCode = "400", ref = ComponentNames.INVALID_QUERY)
  @NonBlocking
  public CompletionStage<Response> list(
      // The maximum and the default are configuration: OpenApiPageLimits writes them in at start.
      @Parameter(
              description = "Entries per page",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
          @QueryParam(OpenApiPageLimits.LIMIT)
          String limit,
      @Parameter(
              description = "Return entries with an id greater than this one (keyset paging)",
              schema = @Schema(type = SchemaType.STRING, pattern = EntryIds.ID_PATTERN))
          @QueryParam("after")
          String after,
      @Parameter(
              description = "Case-insensitive text to find in full_name or in any e-mail address",
              schema = @Schema(type = SchemaType.STRING, minLength = 1))
          @QueryParam("q")
          String q) {
    // The owner now, on the request's thread: a read may run on a worker.
    String owner = caller.owner();
    return reads.run(() -> listNow(owner, after, limit, q));
  }

  private Response listNow(String owner, String after, String limit, String q) {
    Page page = service.list(owner, after, limit, q);
    Response.ResponseBuilder response =
        Response.ok(bodies.listing(page.entries()), EntryBodies.JSON_UTF8);
    if (page.nextAfter() != null) {
      response.header("Link", "<" + nextPage(page) + ">; rel=\"next\"");
    }
    return response.build();
  }

  /** Reads one entry. */
  @GET
  @Path(ID)
  @Produces({MediaType.APPLICATION_JSON, CardMediaTypes.VCARD, CardMediaTypes.JSCONTACT})
  @Operation(
      summary = "Read an entry",
      description =
          "As JSON (the default), as a vCard 4.0 (`Accept: text/vcard`) or 3.0 (`Accept:"
              + " text/vcard;version=3.0`), or as a JSContact Card (`Accept:"
              + " application/jscontact+json`). The ETag names the entry's version, the same in"
              + " every representation. An Accept that names none of these is 406.")
  @APIResponse(
      responseCode = "200",
      description = "The entry",
      headers = @Header(name = HttpHeaders.ETAG, ref = ComponentNames.ETAG),
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AddressEntry.class),
            examples = @ExampleObject(name = "entry", value = Examples.ENTRY)),
        @Content(
            mediaType = CardMediaTypes.VCARD,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "vCard 4.0", value = Examples.VCARD)),
        @Content(
            mediaType = CardMediaTypes.JSCONTACT,
            schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "JSContact Card", value = Examples.JSCONTACT))
      })
  @APIResponse(
      responseCode = "304",
      description = "If-None-Match matches the current ETag; no body",
      headers = @Header(name = HttpHeaders.ETAG, ref = ComponentNames.ETAG))
  @APIResponse(responseCode = "400", ref = ComponentNames.INVALID_CONDITION)
  @APIResponse(responseCode = "404", ref = ComponentNames.ENTRY_NOT_FOUND)
  @APIResponse(responseCode = "406", ref = ComponentNames.NOT_ACCEPTABLE)
  @NonBlocking
  public CompletionStage<Response> get(
      @Parameter(ref = ComponentNames.ID) @PathParam("id") String id,
      @Parameter(ref = ComponentNames.IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context HttpHeaders headers) {
    Representation representation = Representation.negotiate(headers.getAcceptableMediaTypes());
    if (representation == null) {
      throw new NotAcceptableException();
    }
    String owner = caller.owner();
    return reads.run(() -> getNow(owner, id, ifNoneMatch, representation));
  }

  private Response getNow(
      String owner, String id, List<String> ifNoneMatch, Representation representation) {
    VersionedEntry found = service.get(owner, id);
    EntryBodies.Body body = bodies.of(found);
    if (EntityTags.noneMatchNames(ifNoneMatch, found.version())) {
      return Response.notModified(body.tag()).header(HttpHeaders.VARY, VARY).build();
    }
    if (representation == Representation.JSON) {
      return Response.ok(body.json(), EntryBodies.JSON_UTF8)
          .tag(body.tag())
          .header(HttpHeaders.VARY, VARY)
          .build();
    }
    return Response.ok(
            representation.body(found.id(), found.entry(), mapper), representation.contentType())
        .tag(body.tag())
        .header(HttpHeaders.VARY, VARY)
        .build();
  }

  /** Replaces one entry. */
  @PUT
  @Path(ID)
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Replace an entry",
      description =
          "Replaces the whole entry; never creates one. With If-Match, only if the entry is still"
              + " at a version it names (the check and the write are atomic).")
  @RequestBody(ref = ComponentNames.ENTRY)
  @APIResponse(
      responseCode = "204",
      description = "Replaced",
      headers = {
        @Header(name = HttpHeaders.ETAG, ref = ComponentNames.ETAG),
        @Header(name = DroppedHeader.NAME, ref = ComponentNames.CARD_DROPPED)
      })
  @APIResponse(responseCode = "400", ref = ComponentNames.INVALID_BODY)
  @APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN_WRITE)
  @APIResponse(responseCode = "404", ref = ComponentNames.ENTRY_NOT_FOUND)
  @APIResponse(responseCode = "412", ref = ComponentNames.STALE_VERSION)
  @APIResponse(responseCode = "413", ref = ComponentNames.BODY_TOO_LARGE)
  @APIResponse(responseCode = "415", ref = ComponentNames.UNSUPPORTED_MEDIA_TYPE)
  @NonBlocking
  public CompletionStage<Response> update(
      @Parameter(ref = ComponentNames.ID) @PathParam("id") String id,
      @Parameter(ref = ComponentNames.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH)
          List<String> ifMatch,
      EntryInput input) {
    String owner = caller.owner();
    VersionMatch expected = EntityTags.ifMatch(ifMatch);
    return writes.run(
        () -> {
          VersionedEntry updated = service.update(owner, id, input.entry(), expected);
          return dropped(Response.noContent(), input).tag(EntityTags.of(updated.version())).build();
        });
  }

  /** Changes part of one entry with a JSON Merge Patch. */
  @PATCH
  @Path(ID)
  @Consumes(PatchDocument.MEDIA_TYPE)
  @Operation(
      summary = "Change part of an entry (JSON Merge Patch)",
      description =
          "Merges an RFC 7396 JSON Merge Patch onto the entry's JSON: members set replace, members"
              + " set to null are removed, nested objects merge, arrays are replaced whole. The"
              + " result is validated like a PUT body. With If-Match, only if the entry is still at"
              + " a version it names; without, the patch is applied to the latest version. Any"
              + " other patch type is 415.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = PatchDocument.MEDIA_TYPE,
              schema = @Schema(type = SchemaType.OBJECT),
              examples = @ExampleObject(name = "rename", value = Examples.MERGE_PATCH)))
  @APIResponse(
      responseCode = "204",
      description = "Changed",
      headers = @Header(name = HttpHeaders.ETAG, ref = ComponentNames.ETAG))
  @APIResponse(responseCode = "400", ref = ComponentNames.INVALID_BODY)
  @APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN_WRITE)
  @APIResponse(responseCode = "404", ref = ComponentNames.ENTRY_NOT_FOUND)
  @APIResponse(responseCode = "412", ref = ComponentNames.STALE_VERSION)
  @APIResponse(responseCode = "413", ref = ComponentNames.BODY_TOO_LARGE)
  @APIResponse(responseCode = "415", ref = ComponentNames.UNSUPPORTED_MEDIA_TYPE)
  @NonBlocking
  public CompletionStage<Response> patch(
      @Parameter(ref = ComponentNames.ID) @PathParam("id") String id,
      @Parameter(ref = ComponentNames.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH)
          List<String> ifMatch,
      PatchDocument patch) {
    String owner = caller.owner();
    VersionMatch expected = EntityTags.ifMatch(ifMatch);
    return writes.run(
        () -> {
          VersionedEntry patched = patcher.patch(owner, id, patch.json(), expected);
          return Response.noContent().tag(EntityTags.of(patched.version())).build();
        });
  }

  /** Deletes one entry. */
  @DELETE
  @Path(ID)
  @Operation(
      summary = "Delete an entry",
      description = "With If-Match, only if the entry is still at a version it names.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "400", ref = ComponentNames.INVALID_CONDITION)
  @APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN_WRITE)
  @APIResponse(responseCode = "404", ref = ComponentNames.ENTRY_NOT_FOUND)
  @APIResponse(responseCode = "412", ref = ComponentNames.STALE_VERSION)
  @NonBlocking
  public CompletionStage<Response> delete(
      @Parameter(ref = ComponentNames.ID) @PathParam("id") String id,
      @Parameter(ref = ComponentNames.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH)
          List<String> ifMatch) {
    String owner = caller.owner();
    VersionMatch expected = EntityTags.ifMatch(ifMatch);
    return writes.run(
        () -> {
          service.delete(owner, id, expected);
          bodies.forget(id);
          return Response.noContent().build();
        });
  }

  /** The methods of the collection. */
  @OPTIONS
  @Operation(summary = "Methods of /addresses", hidden = true)
  public Response collectionOptions() {
    return Response.ok().header(HttpHeaders.ALLOW, AllowedMethods.COLLECTION).build();
  }

  /** The methods of one entry. */
  @OPTIONS
  @Path(ID)
  @Operation(summary = "Methods of /addresses/{id}", hidden = true)
  public Response entryOptions() {
    return Response.ok()
        .header(HttpHeaders.ALLOW, AllowedMethods.ENTRY)
        .header(ACCEPT_PATCH, PatchDocument.MEDIA_TYPE)
        .build();
  }

  private static String nextPage(Page page) {
    StringBuilder link =
        new StringBuilder("/addresses?after=")
            .append(page.nextAfter())
            .append("&limit=")
            .append(page.limit());
    if (page.text() != null) {
      link.append("&q=")
          .append(URLEncoder.encode(page.text(), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return link.toString();
  }
}

package io.addrservice.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.api.body.CardMediaTypes;
import io.addrservice.api.body.DroppedHeader;
import io.addrservice.api.body.EntryBodies;
import io.addrservice.api.body.EntryInput;
import io.addrservice.api.body.PatchDocument;
import io.addrservice.api.body.Representation;
import io.addrservice.api.error.ErrorBody;
import io.addrservice.api.http.AllowedMethods;
import io.addrservice.api.http.EntityTags;
import io.addrservice.api.http.Reads;
import io.addrservice.api.openapi.Examples;
import io.addrservice.api.openapi.OpenApiPageLimits;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.Owners;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The address book over HTTP: maps requests to {@link AddressBookService} calls and back. */
@Path("/addresses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Addresses", description = "Create, read, update, delete, list and search entries")
public class AddressBookResource {
  /**
   * An id in a path: never one of the fixed names under /addresses/, so that a method those paths
   * do not have is 405 there, not a look-up of an id named "export".
   */
  static final String ID =
      "{id: (?!(?:changes|export|import|duplicates)$)" + EntryIds.PATH_REGEX + "}";

  /** The path id as a JSON Schema pattern. */
  static final String ID_PATTERN = EntryIds.PATH_PATTERN;

  private static final String ID_DESCRIPTION =
      "The entry's id (32 lowercase hex digits); any other value of this alphabet is 404";
  private static final String JSON = MediaType.APPLICATION_JSON;
  private static final String CARD_BODIES =
      "The entry as JSON, as one vCard (4.0, 3.0 or 2.1; text/vcard, charset by parameter, UTF-8"
          + " by default) or as a JSContact Card. A card is mapped to an entry (README \"vCard and"
          + " JSContact\") and validated like JSON; what it held that an entry cannot keep is"
          + " dropped and named in Card-Dropped response headers. A card's UID is not used: the"
          + " path names the entry.";

  private static final String DROPPED_DESCRIPTION =
      "One per part of a card body the entry could not keep (a PHOTO, a NOTE, a TEL that is"
          + " neither home nor work, ...); percent-encoded UTF-8";

  /**
   * An entry's representation depends on Accept; Accept-Encoding is named again because this header
   * replaces the one the configuration adds to every response.
   */
  private static final String VARY = "Accept, Accept-Encoding";

  /** RFC 5789 §3.1: the patch document types a resource takes. */
  private static final String ACCEPT_PATCH = "Accept-Patch";

  private static final String ETAG_DESCRIPTION = "The entry's version as a strong validator";

  private final AddressBookService service;
  private final Reads reads;
  private final EntryBodies bodies;
  private final EntryPatcher patcher;
  private final ObjectMapper mapper;

  AddressBookResource(
      AddressBookService service,
      Reads reads,
      EntryBodies bodies,
      EntryPatcher patcher,
      ObjectMapper mapper) {
    this.service = service;
    this.reads = reads;
    this.bodies = bodies;
    this.patcher = patcher;
    this.mapper = mapper;
  }

  /** Creates an entry. */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Create an entry", description = "Stores a new entry under a new id.")
  @RequestBody(
      required = true,
      description = CARD_BODIES,
      content = {
        @Content(
            mediaType = JSON,
            schema = @Schema(implementation = AddressEntry.class),
            examples = @ExampleObject(name = "entry", value = Examples.ENTRY)),
        @Content(
            mediaType = CardMediaTypes.VCARD,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "vCard", value = Examples.VCARD)),
        @Content(
            mediaType = CardMediaTypes.JSCONTACT,
            schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "JSContact Card", value = Examples.JSCONTACT))
      })
  @APIResponse(
      responseCode = "201",
      description = "Created; the body is empty",
      headers = {
        @Header(
            name = HttpHeaders.LOCATION,
            description = "The new entry's path, /addresses/{id}",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = HttpHeaders.ETAG,
            description = ETAG_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = DroppedHeader.NAME,
            description = DROPPED_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "400", ref = "InvalidBody")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  public Response create(EntryInput input) {
    VersionedEntry created = service.create(Owners.SHARED_BOOK, input.entry(), null);
    // A relative Location, exactly as the seed service sends it.
    return dropped(Response.status(Status.CREATED), input)
        .header(HttpHeaders.LOCATION, "/addresses/" + created.id())
        .tag(EntityTags.of(created.version()))
        .build();
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
      headers =
          @Header(
              name = "Link",
              description =
                  "`</addresses?after=ID&limit=N[&q=TEXT]>; rel=\"next\"` when more"
                      + " entries follow",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(type = SchemaType.OBJECT, additionalProperties = AddressEntry.class),
              examples = @ExampleObject(name = "listing", value = Examples.LISTING)))
  @APIResponse(
      responseCode = "400",
      description = "A malformed or out-of-range query parameter",
      content =
          @Content(
              mediaType = JSON,
              schema = @Schema(implementation = ErrorBody.class),
              examples = @ExampleObject(name = "bad limit", value = Examples.BAD_QUERY)))
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
    return reads.run(() -> listNow(after, limit, q));
  }

  private Response listNow(String after, String limit, String q) {
    Page page = service.list(Owners.SHARED_BOOK, after, limit, q);
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
  @Produces({JSON, CardMediaTypes.VCARD, CardMediaTypes.JSCONTACT})
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
      headers =
          @Header(
              name = HttpHeaders.ETAG,
              description = ETAG_DESCRIPTION,
              schema = @Schema(type = SchemaType.STRING)),
      content = {
        @Content(
            mediaType = JSON,
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
      headers =
          @Header(
              name = HttpHeaders.ETAG,
              description = ETAG_DESCRIPTION,
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "404", ref = "EntryNotFound")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @NonBlocking
  public CompletionStage<Response> get(
      @Parameter(
              description = ID_DESCRIPTION,
              schema = @Schema(type = SchemaType.STRING, pattern = ID_PATTERN))
          @PathParam("id")
          String id,
      @Parameter(description = "304 with no body when it names the current ETag (or is *)")
          @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context HttpHeaders headers) {
    Representation representation = Representation.negotiate(headers.getAcceptableMediaTypes());
    if (representation == null) {
      throw new NotAcceptableException();
    }
    return reads.run(() -> getNow(id, ifNoneMatch, representation));
  }

  private Response getNow(String id, List<String> ifNoneMatch, Representation representation) {
    VersionedEntry found = service.get(Owners.SHARED_BOOK, id);
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
  @RequestBody(
      required = true,
      description = CARD_BODIES,
      content = {
        @Content(
            mediaType = JSON,
            schema = @Schema(implementation = AddressEntry.class),
            examples = @ExampleObject(name = "entry", value = Examples.ENTRY)),
        @Content(
            mediaType = CardMediaTypes.VCARD,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "vCard", value = Examples.VCARD)),
        @Content(
            mediaType = CardMediaTypes.JSCONTACT,
            schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "JSContact Card", value = Examples.JSCONTACT))
      })
  @APIResponse(
      responseCode = "204",
      description = "Replaced",
      headers = {
        @Header(
            name = HttpHeaders.ETAG,
            description = "The new version",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = DroppedHeader.NAME,
            description = DROPPED_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "400", ref = "InvalidBody")
  @APIResponse(responseCode = "404", ref = "EntryNotFound")
  @APIResponse(responseCode = "412", ref = "StaleVersion")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  public Response update(
      @Parameter(
              description = ID_DESCRIPTION,
              schema = @Schema(type = SchemaType.STRING, pattern = ID_PATTERN))
          @PathParam("id")
          String id,
      @Parameter(description = "Write only if the entry is at one of these versions (or * for any)")
          @HeaderParam(HttpHeaders.IF_MATCH)
          List<String> ifMatch,
      EntryInput input) {
    VersionedEntry updated =
        service.update(Owners.SHARED_BOOK, id, input.entry(), EntityTags.ifMatch(ifMatch));
    return dropped(Response.noContent(), input).tag(EntityTags.of(updated.version())).build();
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
      headers =
          @Header(
              name = HttpHeaders.ETAG,
              description = "The new version",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "400", ref = "InvalidBody")
  @APIResponse(responseCode = "404", ref = "EntryNotFound")
  @APIResponse(responseCode = "412", ref = "StaleVersion")
  @APIResponse(responseCode = "413", ref = "BodyTooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  public Response patch(
      @Parameter(
              description = ID_DESCRIPTION,
              schema = @Schema(type = SchemaType.STRING, pattern = ID_PATTERN))
          @PathParam("id")
          String id,
      @Parameter(description = "Write only if the entry is at one of these versions (or * for any)")
          @HeaderParam(HttpHeaders.IF_MATCH)
          List<String> ifMatch,
      PatchDocument patch) {
    VersionedEntry patched =
        patcher.patch(Owners.SHARED_BOOK, id, patch.json(), EntityTags.ifMatch(ifMatch));
    return Response.noContent().tag(EntityTags.of(patched.version())).build();
  }

  /** Deletes one entry. */
  @DELETE
  @Path(ID)
  @Operation(
      summary = "Delete an entry",
      description = "With If-Match, only if the entry is still at a version it names.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", ref = "EntryNotFound")
  @APIResponse(responseCode = "412", ref = "StaleVersion")
  public Response delete(
      @Parameter(
              description = ID_DESCRIPTION,
              schema = @Schema(type = SchemaType.STRING, pattern = ID_PATTERN))
          @PathParam("id")
          String id,
      @Parameter(
              description = "Delete only if the entry is at one of these versions (or * for any)")
          @HeaderParam(HttpHeaders.IF_MATCH)
          List<String> ifMatch) {
    service.delete(Owners.SHARED_BOOK, id, EntityTags.ifMatch(ifMatch));
    bodies.forget(id);
    return Response.noContent().build();
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

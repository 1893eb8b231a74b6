package io.addrservice.api.openapi;

import io.addrservice.api.body.CardMediaTypes;
import io.addrservice.api.error.ErrorBody;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JAX-RS application, at the default root. It carries the OpenAPI definition (the scanner reads
 * it from the application class): the parameters, headers, request body and error responses that
 * several operations share, declared once as components and referenced by the names in {@link
 * ComponentNames} from the resources, and the bearer scheme of {@code addrservice.auth.mode=jwt}
 * that Swagger UI's Authorize fills in.
 */
@SecurityScheme(
    securitySchemeName = AddressBookApplication.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description =
        "A JWT from the identity provider, with the role addresses.read or addresses.write in"
            + " `groups`; each owner (`sub`) has a book of its own. Needed when the service runs"
            + " with addrservice.auth.mode=jwt; with mode none no token is read.")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Address Book API",
            version = "1.0.0",
            description = "Create, read, update, delete, list and search address-book entries.",
            license =
                @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
    components =
        @Components(
            parameters = {
              @Parameter(
                  name = ComponentNames.ID,
                  in = ParameterIn.PATH,
                  required = true,
                  description =
                      "The entry's id (32 lowercase hex digits); any other value of this"
                          + " alphabet is 404",
                  schema = @Schema(type = SchemaType.STRING, pattern = EntryIds.PATH_PATTERN)),
              @Parameter(
                  name = ComponentNames.IF_MATCH,
                  in = ParameterIn.HEADER,
                  description =
                      "Write only if the entry is at one of these versions (or * for any)",
                  schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
              @Parameter(
                  name = ComponentNames.IF_NONE_MATCH,
                  in = ParameterIn.HEADER,
                  description = "304 with no body when it names the current ETag (or is *)",
                  schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            },
            headers = {
              @Header(
                  name = ComponentNames.ETAG,
                  description = "The entry's current version, as a strong validator",
                  schema = @Schema(type = SchemaType.STRING)),
              @Header(
                  name = ComponentNames.LOCATION,
                  description = "The new entry's path, /addresses/{id}",
                  schema = @Schema(type = SchemaType.STRING)),
              @Header(
                  name = ComponentNames.CARD_DROPPED,
                  description =
                      "One per part of a card body the entry could not keep (a PHOTO, a NOTE, a"
                          + " TEL that is neither home nor work, ...); percent-encoded UTF-8",
                  schema = @Schema(type = SchemaType.STRING)),
              @Header(
                  name = ComponentNames.LINK,
                  description =
                      "`</addresses?after=ID&limit=N[&q=TEXT]>; rel=\"next\"` when more"
                          + " entries follow",
                  schema = @Schema(type = SchemaType.STRING))
            },
            requestBodies =
                @RequestBody(
                    name = ComponentNames.ENTRY,
                    required = true,
                    description =
                        "The entry as JSON, as one vCard (4.0, 3.0 or 2.1; text/vcard, charset by"
                            + " parameter, UTF-8 by default) or as a JSContact Card. A card is"
                            + " mapped to an entry and validated like JSON; what it held that an"
                            + " entry cannot keep is dropped and named in Card-Dropped response"
                            + " headers. A card's UID is not used: the path names the entry.",
                    content = {
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = AddressEntry.class),
                          examples = @ExampleObject(name = "entry", value = Examples.ENTRY)),
                      @Content(
                          mediaType = CardMediaTypes.VCARD,
                          schema = @Schema(type = SchemaType.STRING),
                          examples = @ExampleObject(name = "vCard", value = Examples.VCARD)),
                      @Content(
                          mediaType = CardMediaTypes.JSCONTACT,
                          schema = @Schema(type = SchemaType.OBJECT),
                          examples =
                              @ExampleObject(name = "JSContact Card", value = Examples.JSCONTACT))
                    }),
            responses = {
              @APIResponse(
                  name = ComponentNames.INVALID_BODY,
                  description =
                      "Invalid JSON body, Invalid card body (a vCard body with no card or"
                          + " several, JSON that is not a JSContact Card), or JSON Schema"
                          + " validation failed (every violation listed with its JSON path; a"
                          + " card is validated as the entry it maps to)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples = {
                            @ExampleObject(name = "invalid JSON", value = Examples.INVALID_JSON),
                            @ExampleObject(name = "validation", value = Examples.VALIDATION_ERROR),
                            @ExampleObject(name = "invalid card", value = Examples.INVALID_CARD)
                          })),
              @APIResponse(
                  name = ComponentNames.INVALID_QUERY,
                  description = "A malformed or out-of-range query parameter",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(name = "bad limit", value = Examples.BAD_QUERY))),
              @APIResponse(
                  name = ComponentNames.INVALID_CONDITION,
                  description =
                      "An empty or malformed If-Match or If-None-Match (never read as absent)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(
                                  name = "bad If-Match",
                                  value = Examples.INVALID_CONDITION))),
              @APIResponse(
                  name = ComponentNames.IDEMPOTENCY_KEY_REUSED,
                  description =
                      "The Idempotency-Key created an entry within the last 24 hours from another"
                          + " entry; nothing is stored",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples = @ExampleObject(name = "reused", value = Examples.KEY_REUSED))),
              @APIResponse(
                  name = ComponentNames.FORBIDDEN_WRITE,
                  description =
                      "Mode jwt: the token lacks the role addresses.write. Mode none: the peer is"
                          + " not trusted (protected mode). Either mode: the Origin header names"
                          + " another origin that the CORS settings (quarkus.http.cors.origins) do"
                          + " not list; requests without Origin (curl, servers) pass",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples = {
                            @ExampleObject(name = "missing role", value = Examples.MISSING_ROLE),
                            @ExampleObject(
                                name = "protected mode",
                                value = Examples.ANONYMOUS_REMOTE),
                            @ExampleObject(name = "cross-origin", value = Examples.CROSS_ORIGIN)
                          })),
              @APIResponse(
                  name = ComponentNames.NOT_ACCEPTABLE,
                  description =
                      "Accept names no representation the service writes (application/json,"
                          + " text/vcard, text/vcard;version=3.0, application/jscontact+json)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(
                                  name = "not acceptable",
                                  value = Examples.NOT_ACCEPTABLE))),
              @APIResponse(
                  name = ComponentNames.ENTRY_NOT_FOUND,
                  description = "No entry with that id",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(name = "not found", value = Examples.NOT_FOUND))),
              @APIResponse(
                  name = ComponentNames.STALE_VERSION,
                  description =
                      "If-Match does not name the current version; the response carries the"
                          + " current ETag",
                  headers = @Header(name = HttpHeaders.ETAG, ref = ComponentNames.ETAG),
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(
                                  name = "stale",
                                  value = Examples.PRECONDITION_FAILED))),
              @APIResponse(
                  name = ComponentNames.BODY_TOO_LARGE,
                  description = "Body larger than addrservice.max-body-size (64 KiB by default)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(name = "too large", value = Examples.TOO_LARGE))),
              @APIResponse(
                  name = ComponentNames.UNSUPPORTED_MEDIA_TYPE,
                  description =
                      "A Content-Type the service does not read (JSON types, text/vcard,"
                          + " application/jscontact+json; for PATCH only"
                          + " application/merge-patch+json: Unsupported Media Type), or a"
                          + " Content-Encoding other than gzip, x-gzip, deflate or identity"
                          + " (Unsupported Content-Encoding, with Accept-Encoding: gzip, deflate)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(name = "unsupported", value = Examples.UNSUPPORTED))),
              @APIResponse(
                  name = ComponentNames.UNAUTHORIZED,
                  description =
                      "Mode jwt: no bearer token, or one that fails verification (signature,"
                          + " algorithm, expiry, issuer, audience, owner claim); the response"
                          + " carries WWW-Authenticate: Bearer",
                  headers =
                      @Header(
                          name = HttpHeaders.WWW_AUTHENTICATE,
                          description = "Bearer",
                          schema = @Schema(type = SchemaType.STRING)),
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples = {
                            @ExampleObject(name = "no token", value = Examples.UNAUTHORIZED),
                            @ExampleObject(name = "bad token", value = Examples.INVALID_TOKEN)
                          })),
              @APIResponse(
                  name = ComponentNames.FORBIDDEN,
                  description =
                      "Mode jwt: the token lacks the role (addresses.read to read,"
                          + " addresses.write for anything else). Mode none: the peer is not"
                          + " trusted (protected mode)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples = {
                            @ExampleObject(name = "missing role", value = Examples.MISSING_ROLE),
                            @ExampleObject(
                                name = "protected mode",
                                value = Examples.ANONYMOUS_REMOTE)
                          }))
            }))
public class AddressBookApplication extends Application {
  /** The name of the bearer security scheme that every {@code /addresses} operation requires. */
  public static final String BEARER = "bearer";
}

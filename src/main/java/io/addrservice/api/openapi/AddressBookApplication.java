package io.addrservice.api.openapi;

import io.addrservice.api.error.ErrorBody;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The JAX-RS application, at the default root. It carries the OpenAPI definition (the scanner reads
 * it from the application class): the error responses several operations share, described once and
 * referenced by name from the resources.
 */
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
            responses = {
              @APIResponse(
                  name = "InvalidBody",
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
                  name = "NotAcceptable",
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
                  name = "EntryNotFound",
                  description = "No entry with that id",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(name = "not found", value = Examples.NOT_FOUND))),
              @APIResponse(
                  name = "StaleVersion",
                  description =
                      "If-Match does not name the current version; the response carries the"
                          + " current ETag",
                  headers =
                      @Header(
                          name = HttpHeaders.ETAG,
                          description = "The entry's current version",
                          schema = @Schema(type = SchemaType.STRING)),
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(
                                  name = "stale",
                                  value = Examples.PRECONDITION_FAILED))),
              @APIResponse(
                  name = "BodyTooLarge",
                  description = "Body larger than addrservice.max-body-size (64 KiB by default)",
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = ErrorBody.class),
                          examples =
                              @ExampleObject(name = "too large", value = Examples.TOO_LARGE))),
              @APIResponse(
                  name = "UnsupportedMediaType",
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
                              @ExampleObject(name = "unsupported", value = Examples.UNSUPPORTED)))
            }))
public class AddressBookApplication extends Application {}

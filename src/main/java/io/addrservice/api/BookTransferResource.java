package io.addrservice.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardWriter;
import io.addrservice.api.body.BodyTooLargeException;
import io.addrservice.api.body.CardMediaTypes;
import io.addrservice.api.body.EntryBodies;
import io.addrservice.api.body.ImportStreams;
import io.addrservice.api.body.VCardMapping;
import io.addrservice.api.http.AllowedMethods;
import io.addrservice.api.http.Caller;
import io.addrservice.api.openapi.AddressBookApplication;
import io.addrservice.api.openapi.ComponentNames;
import io.addrservice.api.openapi.Examples;
import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.AddressBookService;
import io.addrservice.service.BookImporter;
import io.addrservice.service.ImportItem;
import io.addrservice.service.ImportReport;
import io.addrservice.service.ImportStoppedException;
import io.addrservice.service.Page;
import io.addrservice.service.StorageUnavailableException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A whole book out and many entries in: {@code /addresses/export} and {@code /addresses/import}.
 */
@Path("/addresses")
@Tag(name = "Import and export", description = "The whole book as vCards or NDJSON, out and in")
@SecurityRequirement(name = AddressBookApplication.BEARER)
@APIResponse(responseCode = "401", ref = ComponentNames.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN)
public class BookTransferResource {
  /** One JSON value per line. */
  static final String NDJSON = "application/x-ndjson";

  private final AddressBookService service;
  private final BookImporter importer;
  private final EntryBodies bodies;
  private final ObjectReader trees;
  private final long maxImportSize;
  private final String pageSize;
  private final Caller caller;

  BookTransferResource(
      AddressBookService service,
      BookImporter importer,
      EntryBodies bodies,
      ObjectMapper mapper,
      AddrServiceConfig config,
      Caller caller) {
    this.caller = caller;
    this.service = service;
    this.importer = importer;
    this.bodies = bodies;
    this.trees =
        mapper.readerFor(JsonNode.class).with(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER);
    this.maxImportSize = config.imports().maxSize().asLongValue();
    // The export reads the book a page at a time, as large as listings may be.
    this.pageSize = String.valueOf(config.page().maxSize());
  }

  /** Streams the whole book. */
  @GET
  @Path("export")
  @Produces({NDJSON, CardMediaTypes.VCARD})
  @Operation(
      summary = "Export the whole book",
      description =
          "Every entry in id order, streamed (the service holds one page at a time): as NDJSON"
              + " (the default), one `{\"id\", \"version\", \"entry\"}` object per line, or as"
              + " vCards (`Accept: text/vcard`, 4.0; `text/vcard;version=3.0`). POST"
              + " /addresses/import takes either back: re-importing an export changes nothing.")
  @APIResponse(
      responseCode = "200",
      description = "The book",
      content = {
        @Content(
            mediaType = NDJSON,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "NDJSON", value = Examples.EXPORT_NDJSON)),
        @Content(
            mediaType = CardMediaTypes.VCARD,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "vCards", value = Examples.VCARD))
      })
  @APIResponse(responseCode = "406", ref = ComponentNames.NOT_ACCEPTABLE)
  public Response export(@Context HttpHeaders headers) {
    MediaType chosen = exportType(headers);
    String owner = caller.owner();
    StreamingOutput body;
    String contentType;
    if (CardMediaTypes.isVCard(chosen)) {
      VCardVersion version =
          CardMediaTypes.asksForVersion3(chosen) ? VCardVersion.V3_0 : VCardVersion.V4_0;
      contentType =
          CardMediaTypes.VCARD
              + ";charset=utf-8"
              + (version == VCardVersion.V3_0 ? ";version=3.0" : "");
      body = out -> exportVCards(owner, version, out);
    } else {
      contentType = NDJSON;
      body = out -> exportNdjson(owner, out);
    }
    return Response.ok(body, contentType).build();
  }

  private void exportNdjson(String owner, OutputStream raw) throws IOException {
    OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
    forEachEntry(
        owner,
        found -> {
          // The body kept for an entry read before, else made and not kept: constant memory.
          out.write(
              ("{\"id\":\"" + found.id() + "\",\"version\":" + found.version() + ",\"entry\":")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(bodies.jsonOnce(found));
          out.write('}');
          out.write('\n');
        },
        out);
    out.flush();
  }

  private void exportVCards(String owner, VCardVersion version, OutputStream raw)
      throws IOException {
    Writer text =
        new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 64 * 1024);
    VCardWriter writer = VCardMapping.writer(text, version);
    forEachEntry(
        owner,
        found -> writer.write(VCardMapping.toVCard(found.id(), found.entry(), version)),
        text);
    writer.flush();
  }

  /** Calls {@code each} for every entry of the book, flushing {@code out} after each page. */
  private void forEachEntry(String owner, EntryConsumer each, java.io.Flushable out)
      throws IOException {
    String after = null;
    do {
      Page page = service.list(owner, after, pageSize, null);
      for (VersionedEntry found : page.entries()) {
        each.accept(found);
      }
      out.flush();
      after = page.nextAfter();
    } while (after != null);
  }

  /** What the export does with one entry. */
  private interface EntryConsumer {
    void accept(VersionedEntry found) throws IOException;
  }

  private static MediaType exportType(HttpHeaders headers) {
    for (MediaType type : headers.getAcceptableMediaTypes()) {
      if (CardMediaTypes.isVCard(type)
          || (type.getType().equalsIgnoreCase("text") && type.isWildcardSubtype())) {
        return type.isWildcardSubtype() ? MediaType.valueOf(CardMediaTypes.VCARD) : type;
      }
      if (type.isWildcardType()
          || type.isCompatible(MediaType.valueOf(NDJSON))
          || (type.getType().equalsIgnoreCase("application") && type.isWildcardSubtype())) {
        return MediaType.valueOf(NDJSON);
      }
    }
    if (headers.getAcceptableMediaTypes().isEmpty()) {
      return MediaType.valueOf(NDJSON);
    }
    throw new NotAcceptableException();
  }

  /** Imports many entries from one stream. */
  @POST
  @Path("import")
  @Consumes({CardMediaTypes.VCARD, CardMediaTypes.X_VCARD, NDJSON})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Import many entries",
      description =
          "Reads vCards (text/vcard, any version, charset by parameter) or NDJSON lines (an entry,"
              + " or an export line) as a stream. Each item is validated like a POST body. An"
              + " item whose UID (urn:uuid: of an id) or id names an entry of the book updates it"
              + " (and changes nothing when equal): re-importing an export creates no duplicate."
              + " Other items are created. Items are stored in batches, each durable before it is"
              + " counted; a bad item never stops the others. A body over"
              + " addrservice.import.max-size is 413. An import that cannot go on (the store"
              + " cannot write: 503; a body without a length passes the limit: 413) answers with"
              + " the item it stopped at in its message, counted from 0: every item before it"
              + " was stored or refused, and sending the items from it on again finishes the"
              + " import.")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = CardMediaTypes.VCARD,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "vCards", value = Examples.VCARD)),
        @Content(
            mediaType = NDJSON,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "NDJSON", value = Examples.EXPORT_NDJSON))
      })
  @APIResponse(
      responseCode = "200",
      description = "What was created, updated, left unchanged, and what failed and why",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ImportReport.class),
              examples = @ExampleObject(name = "report", value = Examples.IMPORT_REPORT)))
  @APIResponse(responseCode = "400", ref = ComponentNames.INVALID_BODY)
  @APIResponse(responseCode = "403", ref = ComponentNames.FORBIDDEN_WRITE)
  @APIResponse(responseCode = "413", ref = ComponentNames.BODY_TOO_LARGE)
  @APIResponse(responseCode = "415", ref = ComponentNames.UNSUPPORTED_MEDIA_TYPE)
  public ImportReport importBook(@Context HttpHeaders headers, InputStream body)
      throws IOException {
    long declared = headers.getLength();
    if (declared > maxImportSize) {
      throw new BodyTooLargeException(maxImportSize);
    }
    MediaType type = headers.getMediaType();
    String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    Charset charset;
    try {
      charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new NotSupportedException("Unsupported charset " + name);
    }
    InputStream in =
        ImportStreams.body(
            headers.getRequestHeader(HttpHeaders.CONTENT_ENCODING), body, maxImportSize);
    Iterator<ImportItem> items =
        CardMediaTypes.isVCard(type)
            ? ImportStreams.vcards(in, charset)
            : ImportStreams.ndjson(in, charset, trees);
    try {
      return importer.importAll(caller.owner(), items);
    } catch (ImportStoppedException e) {
      throw stopped(e);
    }
  }

  /** The failure that stopped an import, telling the client where it stopped when it can act. */
  private RuntimeException stopped(ImportStoppedException e) {
    if (e.getCause() instanceof StorageUnavailableException unavailable) {
      return new StorageUnavailableException(unavailable.getCause(), e.getMessage());
    }
    if (e.getCause() instanceof BodyTooLargeException) {
      return new BodyTooLargeException(maxImportSize, e.getMessage());
    }
    return e.getCause();
  }

  /** The methods of the export. */
  @OPTIONS
  @Path("export")
  @Operation(summary = "Methods of /addresses/export", hidden = true)
  public Response exportOptions() {
    return Response.ok().header(HttpHeaders.ALLOW, AllowedMethods.EXPORT).build();
  }

  /** The methods of the import. */
  @OPTIONS
  @Path("import")
  @Operation(summary = "Methods of /addresses/import", hidden = true)
  public Response importOptions() {
    return Response.ok().header(HttpHeaders.ALLOW, AllowedMethods.IMPORT).build();
  }
}

package io.addrservice.api.body;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import io.addrservice.service.ImportItem;
import io.addrservice.service.Violation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The items of an import body, read one at a time as the service asks for them, so that a body of
 * any size is never held whole: vCards one after the other ({@code text/vcard}), or one JSON value
 * per line ({@code application/x-ndjson}): an entry, or an export line {@code {"id": ...,
 * "version": ..., "entry": {...}}}.
 */
public final class ImportStreams {
  private static final Set<String> EXPORT_LINE = Set.of("id", "version", "entry");

  private ImportStreams() {}

  /**
   * The decoded body of an import, as it is read: its content coding undone, and failing with
   * {@link BodyTooLargeException} (413) once more than {@code limit} decoded bytes have come.
   *
   * @param codings every {@code Content-Encoding} value of the request, or null
   */
  public static InputStream body(List<String> codings, InputStream raw, long limit)
      throws IOException {
    return new LimitedInputStream(
        ContentCodings.decoding(codings, raw), limit, BodyTooLargeException::new);
  }

  /** The vCards of {@code in}, in {@code charset} (the charset a card names still applies). */
  public static Iterator<ImportItem> vcards(InputStream in, Charset charset) {
    // Buffered: the vCard parser reads one character at a time, and an InputStreamReader decodes
    // each read on its own (two fifths of an import's reading time without the buffer).
    VCardReader reader =
        VCardMapping.reader(new BufferedReader(new InputStreamReader(in, strict(charset))));
    return new Items() {
      @Override
      ImportItem read(long index) throws IOException {
        VCard card = reader.readNext();
        if (card == null) {
          return null;
        }
        ImportedCard imported = VCardMapping.fromVCard(card, VCardMapping.parseWarnings(reader));
        return new ImportItem(
            index, imported.json(), imported.id(), List.of(), imported.warnings());
      }
    };
  }

  /** The lines of {@code in} in UTF-8, each a JSON value; blank lines are skipped. */
  public static Iterator<ImportItem> ndjson(InputStream in, Charset charset, ObjectReader trees) {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, strict(charset)));
    return new Items() {
      @Override
      ImportItem read(long index) throws IOException {
        String line;
        do {
          line = lines.readLine();
          if (line == null) {
            return null;
          }
        } while (line.isBlank());
        JsonNode json;
        try {
          json = trees.readValue(line);
        } catch (JacksonException e) {
          return failed(index, "Invalid JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
          return failed(index, "must be an object (an entry, or an export line)");
        }
        if (json.has("entry") && EXPORT_LINE.containsAll(fieldNames(json))) {
          JsonNode id = json.get("id");
          return new ImportItem(
              index,
              json.get("entry"),
              id == null || !id.isTextual() ? null : id.textValue(),
              List.of(),
              List.of());
        }
        return new ImportItem(index, json, null, List.of(), List.of());
      }
    };
  }

  private static ImportItem failed(long index, String message) {
    return new ImportItem(index, null, null, List.of(new Violation("$", message)), List.of());
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static java.nio.charset.CharsetDecoder strict(Charset charset) {
    return charset
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** An iterator over items read on demand, numbered from 0. */
  private abstract static class Items implements Iterator<ImportItem> {
    private ImportItem next;
    private long index;
    private boolean done;

    abstract ImportItem read(long index) throws IOException;

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        try {
          next = read(index);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (next == null) {
          done = true;
        } else {
          index++;
        }
      }
      return next != null;
    }

    @Override
    public ImportItem next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ImportItem item = next;
      next = null;
      return item;
    }
  }
}

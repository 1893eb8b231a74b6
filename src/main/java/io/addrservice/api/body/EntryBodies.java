package io.addrservice.api.body;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.addrservice.api.http.EntityTags;
import io.addrservice.api.http.Reads;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionedEntry;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.EntityTag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of entries as response bodies, serialised once per version when the engine reads from
 * memory: a read then copies bytes instead of walking the records with Jackson, and a page of 100
 * is 100 copies.
 *
 * <p>The bodies are kept by id, each with the version it was made from, and one is sent only for
 * that version: a write makes the next read serialise afresh, so a changed entry is never served
 * stale. A delete drops the body ({@link #forget}); at most {@value #MAX_KEPT} are kept, so a body
 * that a read put back while its entry was being deleted cannot pile up. Over a database every read
 * serialises afresh: another instance may write at any time, and caching would only hold bodies of
 * entries this one never hears are gone.
 */
@Singleton
public class EntryBodies {
  /** What Quarkus REST sends for a JSON entity: kept, so the cached path is not told apart. */
  public static final String JSON_UTF8 = "application/json;charset=UTF-8";

  /** The most bodies kept; past it they are all dropped and made again as entries are read. */
  static final int MAX_KEPT = 1 << 20;

  private final ObjectWriter writer;
  private final Map<String, Body> kept;

  @Inject
  EntryBodies(ObjectMapper mapper, Reads reads) {
    this(mapper, reads.fromMemory());
  }

  /** Bodies written by {@code mapper}, kept between reads when {@code keep} is true. */
  public EntryBodies(ObjectMapper mapper, boolean keep) {
    this.writer = mapper.writerFor(AddressEntry.class);
    this.kept = keep ? new ConcurrentHashMap<>() : null;
  }

  /**
   * One entry's body and ETag, as sent for the version it was made from.
   *
   * @param version the version the body is the JSON of
   */
  public record Body(long version, byte[] json, EntityTag tag) {}

  /** The body of {@code found} at its version. */
  public Body of(VersionedEntry found) {
    if (kept == null) {
      return serialise(found);
    }
    Body body = kept.get(found.id());
    if (body == null || body.version() != found.version()) {
      body = serialise(found);
      if (kept.size() >= MAX_KEPT) {
        kept.clear();
      }
      kept.put(found.id(), body);
    }
    return body;
  }

  /**
   * The JSON of {@code found} at its version: the kept body when there is one, otherwise made
   * afresh and not kept. For streaming the whole book: an export must not keep a body of every
   * entry it passes (its memory would grow with the book).
   */
  public byte[] jsonOnce(VersionedEntry found) {
    Body body = kept == null ? null : kept.get(found.id());
    return body != null && body.version() == found.version()
        ? body.json()
        : serialise(found).json();
  }

  /** Drops the body of a deleted entry. */
  public void forget(String id) {
    if (kept != null) {
      kept.remove(id);
    }
  }

  /**
   * A listing's body: {@code {"<id>": <entry>, ...}} in the order given, written straight into an
   * array of its exact size (a page of 100 is about 50 kB: no second copy, no growing buffer).
   */
  public byte[] listing(List<VersionedEntry> entries) {
    entries = writable(entries);
    int size = entries.isEmpty() ? 2 : 1;
    byte[][] bodies = new byte[entries.size()][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = of(entries.get(i)).json();
      // "<id>": and the comma or closing brace after the body.
      size += entries.get(i).id().length() + 4 + bodies[i].length;
    }
    byte[] out = new byte[size];
    int at = 0;
    out[at++] = '{';
    for (int i = 0; i < bodies.length; i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      // Ids are 32 hex digits (the service accepts no other): ASCII, nothing to escape.
      byte[] id = entries.get(i).id().getBytes(StandardCharsets.US_ASCII);
      out[at++] = '"';
      System.arraycopy(id, 0, out, at, id.length);
      at += id.length;
      out[at++] = '"';
      out[at++] = ':';
      System.arraycopy(bodies[i], 0, out, at, bodies[i].length);
      at += bodies[i].length;
    }
    out[at] = '}';
    return out;
  }

  /**
   * {@code entries} without those that cannot be written out, each logged with its id: one bad
   * stored value must not make a listing or a search fail for every other entry.
   */
  private List<VersionedEntry> writable(List<VersionedEntry> entries) {
    List<VersionedEntry> kept = null;
    for (int i = 0; i < entries.size(); i++) {
      try {
        of(entries.get(i));
        if (kept != null) {
          kept.add(entries.get(i));
        }
      } catch (UnwritableEntryException e) {
        Log.errorf(e, "Entry %s left out of a listing: it cannot be written out", e.id());
        if (kept == null) {
          kept = new ArrayList<>(entries.subList(0, i));
        }
      }
    }
    return kept == null ? entries : kept;
  }

  private Body serialise(VersionedEntry found) {
    try {
      return new Body(
          found.version(), writer.writeValueAsBytes(found.entry()), EntityTags.of(found.version()));
    } catch (JsonProcessingException | RuntimeException e) {
      // The validator admits only values that serialise; this is a value that got past it
      // (edited by hand, or stored by an older version).
      throw new UnwritableEntryException(found.id(), e);
    }
  }
}

package io.addrservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.AddressBookService;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.EntityTag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of entries as response bodies, serialised once per version when the store keeps every
 * entry in memory: a read then copies bytes instead of walking the records with Jackson, and a page
 * of 100 is 100 copies. The cache holds one body per id (the latest version read) and a delete
 * drops it, so it never outgrows the store. Over a shared database, where another instance may
 * write, every read serialises afresh.
 */
@Singleton
class EntryBodies {
  /** What Quarkus REST sends for a JSON entity: kept, so the cached path is not told apart. */
  static final String JSON_UTF8 = "application/json;charset=UTF-8";

  private final ObjectWriter writer;
  private final boolean cached;
  private final ConcurrentHashMap<String, Body> byId = new ConcurrentHashMap<>();

  EntryBodies(ObjectMapper mapper, AddressBookService service) {
    this.writer = mapper.writerFor(AddressEntry.class);
    this.cached = service.readsFromMemory();
  }

  /** One entry's body and ETag, as sent for {@code found}. */
  record Body(long version, byte[] json, EntityTag tag) {}

  /** The body of {@code found} at its version. */
  Body of(VersionedEntry found) {
    if (!cached) {
      return serialise(found);
    }
    Body body = byId.get(found.id());
    if (body == null || body.version() != found.version()) {
      // Two readers may both serialise a new version: the same bytes, so either may win.
      body = serialise(found);
      byId.put(found.id(), body);
    }
    return body;
  }

  /** Forgets a deleted entry's body. */
  void forget(String id) {
    byId.remove(id);
  }

  /**
   * A listing's body: {@code {"<id>": <entry>, ...}} in the order given, written straight into an
   * array of its exact size (a page of 100 is about 50 kB: no second copy, no growing buffer).
   */
  byte[] listing(List<VersionedEntry> entries) {
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

  private Body serialise(VersionedEntry found) {
    try {
      return new Body(
          found.version(), writer.writeValueAsBytes(found.entry()), EntityTags.of(found.version()));
    } catch (JsonProcessingException e) {
      // Records of strings, numbers and lists always serialise; reaching this is a bug.
      throw new IllegalStateException("Cannot serialise entry " + found.id(), e);
    }
  }
}

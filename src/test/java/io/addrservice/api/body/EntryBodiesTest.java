package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.config.TestConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.Owners;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.AddressBookService;
import io.addrservice.service.IdGenerator;
import io.addrservice.store.TestStores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bodies reads send: made once per version where the engine reads memory, never stale. */
class EntryBodiesTest {
  private static final ObjectMapper MAPPER = JsonMapping.newMapper();

  private final AddressBookService service =
      new AddressBookService(TestStores.memory(), new IdGenerator(), TestConfig.defaults());

  @Test
  void aBodyIsMadeOncePerVersionAndNeverServedForAnother() throws Exception {
    EntryBodies bodies = new EntryBodies(MAPPER, true);
    VersionedEntry created = service.create(Owners.SHARED_BOOK, AddressEntry.named("Zoë"), null);
    EntryBodies.Body first = bodies.of(created);
    assertSame(first, bodies.of(service.get(Owners.SHARED_BOOK, created.id())));
    assertArrayEquals(MAPPER.writeValueAsBytes(created.entry()), first.json());
    assertEquals("1", first.tag().getValue());
    VersionedEntry updated =
        service.update(
            Owners.SHARED_BOOK, created.id(), AddressEntry.named("Zoé"), VersionMatch.any());
    EntryBodies.Body second = bodies.of(service.get(Owners.SHARED_BOOK, created.id()));
    assertNotSame(first, second);
    assertArrayEquals(MAPPER.writeValueAsBytes(updated.entry()), second.json());
    assertEquals("2", second.tag().getValue());
    EntryBodies.Body older = bodies.of(created);
    assertArrayEquals(first.json(), older.json(), "the older version gets its own body");
    assertEquals("1", older.tag().getValue());
  }

  @Test
  void aBodyForStreamingComesFromTheKeptOnesButIsNeverKept() throws Exception {
    EntryBodies bodies = new EntryBodies(MAPPER, true);
    VersionedEntry created = service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null);
    byte[] once = bodies.jsonOnce(created);
    assertArrayEquals(MAPPER.writeValueAsBytes(created.entry()), once);
    EntryBodies.Body kept = bodies.of(created);
    assertNotSame(once, kept.json(), "streaming kept nothing");
    assertSame(kept.json(), bodies.jsonOnce(created));
    VersionedEntry updated =
        service.update(
            Owners.SHARED_BOOK, created.id(), AddressEntry.named("Bo"), VersionMatch.any());
    assertArrayEquals(MAPPER.writeValueAsBytes(updated.entry()), bodies.jsonOnce(updated));
    assertSame(kept, bodies.of(created), "the kept body of version 1 was not replaced");
  }

  @Test
  void aForgottenBodyIsMadeAgain() {
    EntryBodies bodies = new EntryBodies(MAPPER, true);
    VersionedEntry created = service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null);
    EntryBodies.Body first = bodies.of(created);
    bodies.forget(created.id());
    EntryBodies.Body second = bodies.of(created);
    assertNotSame(first, second);
    assertArrayEquals(first.json(), second.json());
  }

  @Test
  void overADatabaseEveryReadSerialisesAfresh() {
    EntryBodies bodies = new EntryBodies(MAPPER, false);
    String id = service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null).id();
    EntryBodies.Body first = bodies.of(service.get(Owners.SHARED_BOOK, id));
    EntryBodies.Body second = bodies.of(service.get(Owners.SHARED_BOOK, id));
    assertNotSame(first, second);
    assertArrayEquals(first.json(), second.json());
  }

  @Test
  void aListingIsTheSameJsonAsAMapOfEntries() throws Exception {
    EntryBodies bodies = new EntryBodies(MAPPER, true);
    service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada \"the first\""), null);
    service.create(Owners.SHARED_BOOK, AddressEntry.named("Grace"), null);
    List<VersionedEntry> page = service.list(Owners.SHARED_BOOK, null, null, null).entries();
    Map<String, AddressEntry> expected = new LinkedHashMap<>();
    page.forEach(found -> expected.put(found.id(), found.entry()));
    assertArrayEquals(MAPPER.writeValueAsBytes(expected), bodies.listing(page));
    assertArrayEquals("{}".getBytes(), bodies.listing(List.of()));
  }
}

package io.addrservice.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.config.TestConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.Owners;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.service.AddressBookService;
import io.addrservice.service.IdGenerator;
import io.addrservice.store.AddressStore;
import io.addrservice.store.ChangeBatch;
import io.addrservice.store.IdempotencyKey;
import io.addrservice.store.Insertion;
import io.addrservice.store.TestStores;
import io.addrservice.store.WriteResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where reads run ({@link Reads}) and the bodies they send ({@link EntryBodies}). */
class ReadsTest {
  private static final ObjectMapper MAPPER = JsonMapping.newMapper();

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void inMemoryReadsRunOnTheCallingEventLoop() throws Exception {
    Reads reads = new Reads(service(TestStores.memory()));
    assertEquals("event loop", onEventLoop(reads));
  }

  @Test
  void otherReadsRunOnAWorkerInTheRequestsContext() throws Exception {
    Reads reads = new Reads(service(new DatabaseLike(TestStores.memory())));
    assertEquals("worker", onEventLoop(reads));
  }

  @Test
  void aBodyIsMadeOncePerVersionAndKeptWithIt() throws Exception {
    AddressBookService service = service(TestStores.memory());
    EntryBodies bodies = new EntryBodies(MAPPER);
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
    assertSame(first, bodies.of(created), "the older version keeps its own body");
  }

  @Test
  void overADatabaseEveryReadSerialisesAfresh() {
    AddressBookService service = service(new DatabaseLike(TestStores.memory()));
    EntryBodies bodies = new EntryBodies(MAPPER);
    String id = service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null).id();
    EntryBodies.Body first = bodies.of(service.get(Owners.SHARED_BOOK, id));
    EntryBodies.Body second = bodies.of(service.get(Owners.SHARED_BOOK, id));
    assertNotSame(first, second);
    assertArrayEquals(first.json(), second.json());
  }

  @Test
  void aListingIsTheSameJsonAsAMapOfEntries() throws Exception {
    AddressBookService service = service(TestStores.memory());
    EntryBodies bodies = new EntryBodies(MAPPER);
    service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada \"the first\""), null);
    service.create(Owners.SHARED_BOOK, AddressEntry.named("Grace"), null);
    List<VersionedEntry> page = service.list(Owners.SHARED_BOOK, null, null, null).entries();
    Map<String, AddressEntry> expected = new LinkedHashMap<>();
    page.forEach(found -> expected.put(found.id(), found.entry()));
    assertArrayEquals(MAPPER.writeValueAsBytes(expected), bodies.listing(page));
    assertArrayEquals("{}".getBytes(), bodies.listing(List.of()));
  }

  /** Runs a read from an event loop, and says where it ran. */
  private String onEventLoop(Reads reads) throws Exception {
    CompletableFuture<String> where = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(
        ignored ->
            reads
                .run(() -> Context.isOnWorkerThread() ? "worker" : "event loop")
                .whenComplete(
                    (answer, failure) -> {
                      assertTrue(Context.isOnEventLoopThread(), "the answer comes back on it");
                      if (failure != null) {
                        where.completeExceptionally(failure);
                      } else {
                        where.complete(answer);
                      }
                    }));
    String answer = where.get(10, TimeUnit.SECONDS);
    assertFalse(answer.isEmpty());
    return answer;
  }

  private static AddressBookService service(AddressStore store) {
    return new AddressBookService(store, new IdGenerator(), TestConfig.defaults());
  }

  /** An engine whose reads may block, as a database's do. */
  private record DatabaseLike(AddressStore delegate) implements AddressStore {
    @Override
    public Insertion insert(String owner, String id, AddressEntry entry, IdempotencyKey key) {
      return delegate.insert(owner, id, entry, key);
    }

    @Override
    public Optional<VersionedEntry> find(String owner, String id) {
      // Each read of a database builds its objects anew.
      return delegate
          .find(owner, id)
          .map(found -> new VersionedEntry(id, found.version(), found.entry()));
    }

    @Override
    public WriteResult replace(String owner, String id, AddressEntry entry, VersionMatch expected) {
      return delegate.replace(owner, id, entry, expected);
    }

    @Override
    public WriteResult remove(String owner, String id, VersionMatch expected) {
      return delegate.remove(owner, id, expected);
    }

    @Override
    public List<VersionedEntry> list(String owner, String after, int limit, String text) {
      return delegate.list(owner, after, limit, text);
    }

    @Override
    public ChangeBatch changes(String owner, long after, int limit) {
      return delegate.changes(owner, after, limit);
    }

    @Override
    public long count() {
      return delegate.count();
    }

    @Override
    public String engine() {
      return "database-like";
    }

    @Override
    public String location() {
      return "nowhere";
    }
  }
}

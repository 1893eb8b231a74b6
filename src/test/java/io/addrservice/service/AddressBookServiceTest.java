package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.config.TestConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.Owners;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.store.AddressStore;
import io.addrservice.store.StoreUnavailableException;
import io.addrservice.store.TestStores;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service's rules over the memory store. */
class AddressBookServiceTest {
  private static final String UNKNOWN = "0190f8a1b2c37d4e8f90a1b2c3d4e5f6";

  private final AddressBookService service =
      new AddressBookService(
          TestStores.memory(), new IdGenerator(), new TestConfig(false, 1024, 3, 5));

  @Test
  void createGivesANewIdAtVersionOne() {
    VersionedEntry created = service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null);
    assertTrue(EntryIds.isWellFormed(created.id()));
    assertEquals(1, created.version());
    assertEquals(created, service.get(Owners.SHARED_BOOK, created.id()));
    assertEquals(1, service.count());
  }

  @Test
  void aStoreThatCannotReachItsStorageIsTheServicesOwnFailure() {
    StoreUnavailableException down = new StoreUnavailableException("connect", null);
    AddressStore unreachable =
        (AddressStore)
            Proxy.newProxyInstance(
                AddressStore.class.getClassLoader(),
                new Class<?>[] {AddressStore.class},
                (proxy, method, args) -> {
                  throw down;
                });
    AddressBookService over =
        new AddressBookService(unreachable, new IdGenerator(), TestConfig.defaults());
    String id = service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null).id();
    List<Executable> calls =
        List.of(
            () -> over.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null),
            () -> over.get(Owners.SHARED_BOOK, id),
            () ->
                over.update(Owners.SHARED_BOOK, id, AddressEntry.named("Bob"), VersionMatch.any()),
            () -> over.delete(Owners.SHARED_BOOK, id, VersionMatch.any()),
            () -> over.list(Owners.SHARED_BOOK, null, null, null),
            over::count);
    for (Executable call : calls) {
      assertSame(down, assertThrows(StorageUnavailableException.class, call).getCause());
    }
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    assertEquals(
        UNKNOWN,
        assertThrows(EntryNotFoundException.class, () -> service.get(Owners.SHARED_BOOK, UNKNOWN))
            .id());
    assertThrows(
        EntryNotFoundException.class, () -> service.get(Owners.SHARED_BOOK, "../etc/passwd"));
    assertThrows(
        EntryNotFoundException.class,
        () -> service.update(Owners.SHARED_BOOK, "X", AddressEntry.named("A"), VersionMatch.any()));
    assertThrows(
        EntryNotFoundException.class,
        () -> service.delete(Owners.SHARED_BOOK, "X", VersionMatch.any()));
  }

  @Test
  void updateReplacesAndNeverCreates() {
    String id = service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null).id();
    VersionedEntry updated =
        service.update(Owners.SHARED_BOOK, id, AddressEntry.named("Bob"), VersionMatch.any());
    assertEquals(new VersionedEntry(id, 2, AddressEntry.named("Bob")), updated);
    assertThrows(
        EntryNotFoundException.class,
        () ->
            service.update(
                Owners.SHARED_BOOK, UNKNOWN, AddressEntry.named("A"), VersionMatch.any()));
    assertEquals(1, service.count());
  }

  @Test
  void conditionalWritesNeedTheCurrentVersion() {
    String id = service.create(Owners.SHARED_BOOK, AddressEntry.named("Ada"), null).id();
    service.update(
        Owners.SHARED_BOOK, id, AddressEntry.named("Bob"), VersionMatch.oneOf(Set.of(1L)));
    VersionMismatchException stale =
        assertThrows(
            VersionMismatchException.class,
            () ->
                service.update(
                    Owners.SHARED_BOOK,
                    id,
                    AddressEntry.named("Eve"),
                    VersionMatch.oneOf(Set.of(1L))));
    assertEquals(2, stale.currentVersion());
    assertEquals(id, stale.id());
    assertThrows(
        VersionMismatchException.class,
        () -> service.delete(Owners.SHARED_BOOK, id, VersionMatch.oneOf(Set.of(1L))));
    service.delete(Owners.SHARED_BOOK, id, VersionMatch.oneOf(Set.of(2L)));
    assertThrows(EntryNotFoundException.class, () -> service.get(Owners.SHARED_BOOK, id));
  }

  @Test
  void listPagesInCreationOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(service.create(Owners.SHARED_BOOK, AddressEntry.named("n" + i), null).id());
    }
    Page first = service.list(Owners.SHARED_BOOK, null, null, null);
    assertEquals(ids.subList(0, 3), ids(first));
    assertEquals(3, first.limit());
    assertEquals(ids.get(2), first.nextAfter());
    Page second = service.list(Owners.SHARED_BOOK, first.nextAfter(), "3", null);
    assertEquals(ids.subList(3, 6), ids(second));
    Page last = service.list(Owners.SHARED_BOOK, second.nextAfter(), "3", null);
    assertEquals(ids.subList(6, 7), ids(last));
    assertNull(last.nextAfter());
  }

  @Test
  void aFullLastPageHasNoNext() {
    for (int i = 0; i < 3; i++) {
      service.create(Owners.SHARED_BOOK, AddressEntry.named("n" + i), null);
    }
    assertNull(service.list(Owners.SHARED_BOOK, null, null, null).nextAfter());
  }

  @Test
  void searchIsPassedAlongWithPaging() {
    service.create(Owners.SHARED_BOOK, AddressEntry.named("Ann"), null);
    service.create(Owners.SHARED_BOOK, AddressEntry.named("Bob"), null);
    service.create(Owners.SHARED_BOOK, AddressEntry.named("Joanna"), null);
    Page page = service.list(Owners.SHARED_BOOK, null, "1", "ANN");
    assertEquals(1, page.entries().size());
    assertEquals("ANN", page.text());
    Page next = service.list(Owners.SHARED_BOOK, page.nextAfter(), "1", "ANN");
    assertEquals("Joanna", next.entries().get(0).entry().fullName());
    assertNull(next.nextAfter());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "6", "-1", "+1", " 1", "1.0", "abc", "99999999999", "١"})
  void aLimitOutOfRangeOrMalformedIsRefused(String limit) {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> service.list(Owners.SHARED_BOOK, null, limit, null));
    assertEquals(InvalidRequestException.INVALID_QUERY, e.getMessage());
    assertEquals(
        List.of(new Violation("limit", "must be a whole number from 1 to 5 inclusive")),
        e.violations());
  }

  @Test
  void everyBadParameterIsReported() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> service.list(Owners.SHARED_BOOK, "nope", "0", null));
    assertEquals(List.of("after", "limit"), e.violations().stream().map(Violation::path).toList());
  }

  @Test
  void emptyParametersCountAsAbsent() {
    service.create(Owners.SHARED_BOOK, AddressEntry.named("a"), null);
    Page page = service.list(Owners.SHARED_BOOK, "", "", "");
    assertEquals(1, page.entries().size());
    assertEquals(3, page.limit());
    assertNull(page.text());
  }

  @Test
  void afterMayNameADeletedEntry() {
    String first = service.create(Owners.SHARED_BOOK, AddressEntry.named("a"), null).id();
    String second = service.create(Owners.SHARED_BOOK, AddressEntry.named("b"), null).id();
    service.delete(Owners.SHARED_BOOK, first, VersionMatch.any());
    assertEquals(List.of(second), ids(service.list(Owners.SHARED_BOOK, first, null, null)));
  }

  @Test
  void anotherOwnersEntryIsNotFoundLikeAnUnknownOne() {
    String id = service.create("ann", AddressEntry.named("Ada"), null).id();
    assertEquals(id, assertThrows(EntryNotFoundException.class, () -> service.get("ben", id)).id());
    assertThrows(
        EntryNotFoundException.class,
        () -> service.update("ben", id, AddressEntry.named("B"), VersionMatch.oneOf(Set.of(1L))));
    assertThrows(EntryNotFoundException.class, () -> service.delete("ben", id, VersionMatch.any()));
    assertEquals(List.of(), ids(service.list("ben", null, null, null)));
    assertEquals(List.of(id), ids(service.list("ann", null, null, null)));
    assertEquals(1, service.get("ann", id).version());
  }

  @Test
  void aRetryWithTheSameKeyAndEntryGetsTheFirstAnswerEvenAfterChanges() {
    VersionedEntry first = service.create("ann", AddressEntry.named("Ada"), "key-1");
    service.update("ann", first.id(), AddressEntry.named("Ada 2"), VersionMatch.any());
    VersionedEntry retry = service.create("ann", AddressEntry.named("Ada"), "key-1");
    assertEquals(new VersionedEntry(first.id(), 1, AddressEntry.named("Ada")), retry);
    service.delete("ann", first.id(), VersionMatch.any());
    assertEquals(first.id(), service.create("ann", AddressEntry.named("Ada"), "key-1").id());
    assertEquals(0, service.count());
  }

  @Test
  void theSameKeyWithAnotherEntryIsRefused() {
    service.create("ann", AddressEntry.named("Ada"), "key-1");
    IdempotencyKeyReusedException reused =
        assertThrows(
            IdempotencyKeyReusedException.class,
            () -> service.create("ann", AddressEntry.named("Bob"), "key-1"));
    assertEquals("key-1", reused.key());
    assertEquals(
        "The idempotency key was used within the last 24 hours with another entry",
        reused.getMessage());
    assertEquals(1, service.count());
    // Keys are per owner, and creates without a key are never deduplicated.
    service.create("ben", AddressEntry.named("Bob"), "key-1");
    service.create("ann", AddressEntry.named("Ada"), null);
    service.create("ann", AddressEntry.named("Ada"), null);
    assertEquals(4, service.count());
  }

  private static List<String> ids(Page page) {
    return page.entries().stream().map(VersionedEntry::id).toList();
  }
}

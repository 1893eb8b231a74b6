package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.config.TestConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
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
    VersionedEntry created = service.create(AddressEntry.named("Ada"));
    assertTrue(EntryIds.isWellFormed(created.id()));
    assertEquals(1, created.version());
    assertEquals(created, service.get(created.id()));
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
    String id = service.create(AddressEntry.named("Ada")).id();
    List<Executable> calls =
        List.of(
            () -> over.create(AddressEntry.named("Ada")),
            () -> over.get(id),
            () -> over.update(id, AddressEntry.named("Bob"), VersionMatch.any()),
            () -> over.delete(id, VersionMatch.any()),
            () -> over.list(null, null, null),
            over::count);
    for (Executable call : calls) {
      assertSame(down, assertThrows(StorageUnavailableException.class, call).getCause());
    }
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    assertEquals(
        UNKNOWN, assertThrows(EntryNotFoundException.class, () -> service.get(UNKNOWN)).id());
    assertThrows(EntryNotFoundException.class, () -> service.get("../etc/passwd"));
    assertThrows(
        EntryNotFoundException.class,
        () -> service.update("X", AddressEntry.named("A"), VersionMatch.any()));
    assertThrows(EntryNotFoundException.class, () -> service.delete("X", VersionMatch.any()));
  }

  @Test
  void updateReplacesAndNeverCreates() {
    String id = service.create(AddressEntry.named("Ada")).id();
    VersionedEntry updated = service.update(id, AddressEntry.named("Bob"), VersionMatch.any());
    assertEquals(new VersionedEntry(id, 2, AddressEntry.named("Bob")), updated);
    assertThrows(
        EntryNotFoundException.class,
        () -> service.update(UNKNOWN, AddressEntry.named("A"), VersionMatch.any()));
    assertEquals(1, service.count());
  }

  @Test
  void conditionalWritesNeedTheCurrentVersion() {
    String id = service.create(AddressEntry.named("Ada")).id();
    service.update(id, AddressEntry.named("Bob"), VersionMatch.oneOf(Set.of(1L)));
    VersionMismatchException stale =
        assertThrows(
            VersionMismatchException.class,
            () -> service.update(id, AddressEntry.named("Eve"), VersionMatch.oneOf(Set.of(1L))));
    assertEquals(2, stale.currentVersion());
    assertEquals(id, stale.id());
    assertThrows(
        VersionMismatchException.class, () -> service.delete(id, VersionMatch.oneOf(Set.of(1L))));
    service.delete(id, VersionMatch.oneOf(Set.of(2L)));
    assertThrows(EntryNotFoundException.class, () -> service.get(id));
  }

  @Test
  void listPagesInCreationOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(service.create(AddressEntry.named("n" + i)).id());
    }
    Page first = service.list(null, null, null);
    assertEquals(ids.subList(0, 3), ids(first));
    assertEquals(3, first.limit());
    assertEquals(ids.get(2), first.nextAfter());
    Page second = service.list(first.nextAfter(), "3", null);
    assertEquals(ids.subList(3, 6), ids(second));
    Page last = service.list(second.nextAfter(), "3", null);
    assertEquals(ids.subList(6, 7), ids(last));
    assertNull(last.nextAfter());
  }

  @Test
  void aFullLastPageHasNoNext() {
    for (int i = 0; i < 3; i++) {
      service.create(AddressEntry.named("n" + i));
    }
    assertNull(service.list(null, null, null).nextAfter());
  }

  @Test
  void searchIsPassedAlongWithPaging() {
    service.create(AddressEntry.named("Ann"));
    service.create(AddressEntry.named("Bob"));
    service.create(AddressEntry.named("Joanna"));
    Page page = service.list(null, "1", "ANN");
    assertEquals(1, page.entries().size());
    assertEquals("ANN", page.text());
    Page next = service.list(page.nextAfter(), "1", "ANN");
    assertEquals("Joanna", next.entries().get(0).entry().fullName());
    assertNull(next.nextAfter());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "6", "-1", "+1", " 1", "1.0", "abc", "99999999999", "١"})
  void aLimitOutOfRangeOrMalformedIsRefused(String limit) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> service.list(null, limit, null));
    assertEquals(InvalidRequestException.INVALID_QUERY, e.getMessage());
    assertEquals(
        List.of(new Violation("limit", "must be a whole number from 1 to 5 inclusive")),
        e.violations());
  }

  @Test
  void everyBadParameterIsReported() {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> service.list("nope", "0", null));
    assertEquals(List.of("after", "limit"), e.violations().stream().map(Violation::path).toList());
  }

  @Test
  void emptyParametersCountAsAbsent() {
    service.create(AddressEntry.named("a"));
    Page page = service.list("", "", "");
    assertEquals(1, page.entries().size());
    assertEquals(3, page.limit());
    assertNull(page.text());
  }

  @Test
  void afterMayNameADeletedEntry() {
    String first = service.create(AddressEntry.named("a")).id();
    String second = service.create(AddressEntry.named("b")).id();
    service.delete(first, VersionMatch.any());
    assertEquals(List.of(second), ids(service.list(first, null, null)));
  }

  private static List<String> ids(Page page) {
    return page.entries().stream().map(VersionedEntry::id).toList();
  }
}

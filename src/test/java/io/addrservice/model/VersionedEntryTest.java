package io.addrservice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An entry as stored: a value, and what a layer derives from it is made once per object. */
class VersionedEntryTest {
  private static final String ID = "0123456789abcdef0123456789abcdef";

  @Test
  void equalityIsTheValueAlone() {
    VersionedEntry derivedFrom = new VersionedEntry(ID, 1, AddressEntry.named("Ada"));
    derivedFrom.derived(String.class, VersionedEntry::toString);
    VersionedEntry plain = new VersionedEntry(ID, 1, AddressEntry.named("Ada"));
    assertEquals(plain, derivedFrom);
    assertEquals(plain.hashCode(), derivedFrom.hashCode());
    assertNotEquals(plain, new VersionedEntry(ID, 2, AddressEntry.named("Ada")));
    assertNotEquals(plain, new VersionedEntry(ID, 1, AddressEntry.named("Bob")));
    assertNotEquals(plain, new VersionedEntry(ID.replace('0', 'f'), 1, AddressEntry.named("Ada")));
    assertEquals(
        "VersionedEntry[id=" + ID + ", version=1, entry=" + AddressEntry.named("Ada") + "]",
        plain.toString());
  }

  @Test
  void aDerivedFormIsMadeOnceAndKept() {
    VersionedEntry entry = new VersionedEntry(ID, 3, AddressEntry.named("Ada"));
    AtomicInteger made = new AtomicInteger();
    String first = entry.derived(String.class, e -> e.id() + "@" + made.incrementAndGet());
    assertEquals(ID + "@1", first);
    assertSame(first, entry.derived(String.class, e -> e.id() + "@" + made.incrementAndGet()));
    assertEquals(1, made.get());
  }

  @Test
  void aDerivedFormOfAnotherTypeReplacesTheKeptOne() {
    VersionedEntry entry = new VersionedEntry(ID, 1, AddressEntry.named("Ada"));
    assertEquals("1", entry.derived(String.class, e -> Long.toString(e.version())));
    assertEquals(1L, entry.derived(Long.class, VersionedEntry::version));
    assertEquals("x", entry.derived(String.class, e -> "x"));
  }
}

package io.addrservice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** An entry as stored is a value: its id, version and content. */
class VersionedEntryTest {
  private static final String ID = "0123456789abcdef0123456789abcdef";

  @Test
  void equalityIsTheValueAlone() {
    VersionedEntry plain = new VersionedEntry(ID, 1, AddressEntry.named("Ada"));
    VersionedEntry same = new VersionedEntry(ID, 1, AddressEntry.named("Ada"));
    assertEquals(plain, same);
    assertEquals(plain.hashCode(), same.hashCode());
    assertNotEquals(plain, new VersionedEntry(ID, 2, AddressEntry.named("Ada")));
    assertNotEquals(plain, new VersionedEntry(ID, 1, AddressEntry.named("Bob")));
    assertNotEquals(plain, new VersionedEntry(ID.replace('0', 'f'), 1, AddressEntry.named("Ada")));
    assertEquals(
        "VersionedEntry[id=" + ID + ", version=1, entry=" + AddressEntry.named("Ada") + "]",
        plain.toString());
  }
}

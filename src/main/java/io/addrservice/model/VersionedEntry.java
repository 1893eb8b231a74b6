package io.addrservice.model;

import java.util.Objects;
import java.util.function.Function;

/**
 * An entry as stored: its id, the version that every write changes, and its content. A value: two
 * are equal when their id, version and content are.
 *
 * <p>Not a record, unlike the rest of the model, for one reason: a version never changes once
 * written, so whatever a layer derives from it stays valid for as long as the object lives, and
 * {@link #derived} keeps that with the entry. The stores that hold every entry in memory hand out
 * the same object on every read, so a reader that holds the entry finds its derived form without a
 * look-up (the web layer keeps the JSON body it sends: a page of 100 then reads 100 fields instead
 * of probing a cache 100 times). A database read builds a new object, so there the form is derived
 * per read and can never outlive another instance's write.
 *
 * <p>No JSON mapper reads or writes it (the file store has its own document type, the database its
 * columns), so it needs no registration for reflection in a native executable.
 */
public final class VersionedEntry {
  private final String id;
  private final long version;
  private final AddressEntry entry;

  /** What {@link #derived} keeps; not part of the value. */
  private volatile Object derived;

  public VersionedEntry(String id, long version, AddressEntry entry) {
    this.id = id;
    this.version = version;
    this.entry = entry;
  }

  public String id() {
    return id;
  }

  public long version() {
    return version;
  }

  public AddressEntry entry() {
    return entry;
  }

  /**
   * What {@code derive} makes of this version: made by the first call and kept with the entry for
   * later ones. {@code derive} must depend on nothing but the entry: two threads may both make it
   * first, and either result may be kept. One kind of derived form per entry: a call for another
   * {@code type} makes and keeps its own instead.
   */
  public <T> T derived(Class<T> type, Function<? super VersionedEntry, ? extends T> derive) {
    Object kept = derived;
    if (type.isInstance(kept)) {
      return type.cast(kept);
    }
    T made = derive.apply(this);
    derived = made;
    return made;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VersionedEntry that
        && version == that.version
        && Objects.equals(id, that.id)
        && Objects.equals(entry, that.entry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, entry);
  }

  @Override
  public String toString() {
    return "VersionedEntry[id=" + id + ", version=" + version + ", entry=" + entry + "]";
  }
}

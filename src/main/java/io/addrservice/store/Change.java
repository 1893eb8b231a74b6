package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionedEntry;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The latest write to one entry, as the change feed reads it: the entry as written, or a tombstone
 * when it was deleted.
 *
 * <p>An entry is kept packed ({@link PackedEntry}) and made into its record when read. The file
 * store keeps an entry it read back from its log at start-up as the place of its JSON in the log
 * ({@link StoredJson}), and binds it to the model when it is first read ({@link #stored}): a
 * start-up replays every record of the log but reads few of them, and an entry no one has read
 * costs the heap nothing but that place. Once bound, the entry stays bound (packed). Equal like a
 * record, by its components.
 */
public final class Change {
  /** Binds an entry's logged JSON to the model. */
  interface Binder {
    /**
     * The entry that {@code json} holds.
     *
     * @throws java.io.UncheckedIOException when it cannot be read (a checksummed record that does
     *     not hold an entry of the model: never written by this version of the service)
     */
    AddressEntry bind(byte[] json);
  }

  private final long sequence;
  private final String id;
  private final long version;

  /**
   * When the write was made, as the seconds and nanoseconds of an {@link Instant}: two fields of
   * the change instead of an object of 24 bytes for every entry of a book.
   */
  private final long atSecond;

  private final int atNano;

  /** Binds {@link #content} while it is stored JSON; null for an entry made bound. */
  private final Binder binder;

  /**
   * The entry ({@link PackedEntry}), its logged JSON ({@link StoredJson}) not yet bound, or null if
   * deleted. The {@link VersionedEntry} that {@link #entry} answers is made from it and the id and
   * version above, which it would otherwise repeat for every entry of a book.
   */
  private volatile Object content;

  private static final AtomicReferenceFieldUpdater<Change, Object> CONTENT =
      AtomicReferenceFieldUpdater.newUpdater(Change.class, Object.class, "content");

  /**
   * A change as written.
   *
   * @param sequence the write's store-wide sequence number
   * @param id the entry's id
   * @param version the entry's version after the write (for a deletion, the version deleted)
   * @param entry the entry's content as written, or null for a deletion
   * @param at when the write was made
   */
  public Change(long sequence, String id, long version, AddressEntry entry, Instant at) {
    this(sequence, id, version, at, entry == null ? null : PackedEntry.of(entry), null);
  }

  private Change(
      long sequence, String id, long version, Instant at, Object content, Binder binder) {
    this.sequence = sequence;
    this.id = id;
    this.version = version;
    this.atSecond = at.getEpochSecond();
    this.atNano = at.getNano();
    this.content = content;
    this.binder = binder;
  }

  /** A put whose entry is the JSON {@code json}, bound by {@code binder} when it is first read. */
  static Change stored(
      long sequence, String id, long version, StoredJson json, Binder binder, Instant at) {
    return new Change(sequence, id, version, at, Objects.requireNonNull(json), binder);
  }

  /** A bound for a search among changes ordered by sequence number; it holds nothing else. */
  static Change probe(long sequence) {
    return new Change(sequence, "", 0, Instant.EPOCH, null, null);
  }

  /** The write's store-wide sequence number. */
  public long sequence() {
    return sequence;
  }

  /** The entry's id. */
  public String id() {
    return id;
  }

  /** The entry's version after the write (for a deletion, the version deleted). */
  public long version() {
    return version;
  }

  /** When the write was made. */
  public Instant at() {
    return Instant.ofEpochSecond(atSecond, atNano);
  }

  /** Whether this is a tombstone. */
  public boolean deleted() {
    return content == null;
  }

  /**
   * The entry as written, or null for a deletion.
   *
   * @throws java.io.UncheckedIOException when a stored entry cannot be bound ({@link Binder})
   */
  public VersionedEntry entry() {
    Object held = content;
    while (held instanceof StoredJson stored) {
      byte[] json = stored.read();
      if (json == null) {
        // Its file was retired: by then the change has its new place, unless the store closed.
        Object now = content;
        if (now == held) {
          throw new IllegalStateException("the store holding entry " + id + " is closed");
        }
        held = now;
      } else {
        // Two readers may both bind it: each gets an equal entry, and either one is kept.
        PackedEntry bound;
        try {
          bound = PackedEntry.of(binder.bind(json));
        } catch (UncheckedIOException e) {
          throw new UncheckedIOException(
              "entry " + id + " (" + stored + "): " + e.getMessage(), e.getCause());
        }
        content = bound;
        held = bound;
      }
    }
    return held == null ? null : new VersionedEntry(id, version, ((PackedEntry) held).entry());
  }

  /** The logged JSON of an entry that no one has read yet, or null (bound, or a deletion). */
  StoredJson unboundJson() {
    return content instanceof StoredJson json ? json : null;
  }

  /**
   * Gives an unread entry its new place after a compaction copied its JSON from {@code from} to
   * {@code to}; nothing changes if it was bound or moved meanwhile.
   */
  void moved(StoredJson from, StoredJson to) {
    CONTENT.compareAndSet(this, from, to);
  }

  /**
   * Takes an unread entry's JSON out of its file onto the heap, for a change that leaves the index
   * (replaced or deleted) while a reader may still hold it: no compaction moves it any more, and
   * its file may be retired.
   */
  void detach() {
    for (Object held = content; held instanceof StoredJson.InFile stored; held = content) {
      byte[] json = stored.read();
      if (json != null) {
        CONTENT.compareAndSet(this, held, new StoredJson.InMemory(json));
      } else if (content == held) {
        return; // the store is closed
      }
    }
  }

  @Override
  public boolean equals(Object other) {
    return other == this
        || other instanceof Change that
            && sequence == that.sequence
            && version == that.version
            && id.equals(that.id)
            && atSecond == that.atSecond
            && atNano == that.atNano
            && Objects.equals(entry(), that.entry());
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, id, version, entry(), at());
  }

  @Override
  public String toString() {
    return "Change[sequence="
        + sequence
        + ", id="
        + id
        + ", version="
        + version
        + ", entry="
        + entry()
        + ", at="
        + at()
        + "]";
  }
}

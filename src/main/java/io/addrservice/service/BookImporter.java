package io.addrservice.service;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.VersionedEntry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Imports many entries into one book: each item is validated like a POST body; an item whose id (a
 * card's UID, an export line's id) names an entry of the book updates it, unless it equals it; any
 * other item is created. Items are written in batches of {@value #BATCH}, each one write of the
 * store ({@link AddressBookService#writeBatch}: in the file store one log record and one flush); a
 * batch is counted only once it is acknowledged. One batch is validated and written while the
 * request's thread reads the next. A bad item never stops the others; a store that cannot write, or
 * a body that cannot be read further, stops the import ({@link ImportStoppedException}).
 */
@ApplicationScoped
public class BookImporter {
  /** Items written together; also the most items read ahead of the batch being written. */
  static final int BATCH = 256;

  /** The most items with dropped parts named in the report; the counts cover all. */
  public static final int MAX_DROPPED_REPORTED = 1000;

  private final AddressBookService book;
  private final EntryValidator validator;

  /** Validates and writes one batch while the request's thread reads the next. */
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "addrservice-import");
            thread.setDaemon(true);
            return thread;
          });

  /** An importer writing through {@code book}. */
  public BookImporter(AddressBookService book, EntryValidator validator) {
    this.book = book;
    this.validator = validator;
  }

  @PreDestroy
  void stop() {
    writer.shutdown();
  }

  /**
   * Imports every item into {@code owner}'s book, reading {@code items} as it goes (so the items
   * need never all be in memory at once).
   */
  public ImportReport importAll(String owner, Iterator<ImportItem> items) {
    Tally tally = new Tally();
    CompletableFuture<Void> storing = CompletableFuture.completedFuture(null);
    List<ImportItem> batch = new ArrayList<>(BATCH);
    long next = 0; // the index of the item after the last one read
    try {
      while (items.hasNext()) {
        ImportItem item = items.next();
        batch.add(item);
        next = item.index() + 1;
        if (batch.size() == BATCH) {
          // One batch is validated and written while the next is read: two in memory at most.
          finish(storing);
          List<ImportItem> full = batch;
          storing = CompletableFuture.runAsync(() -> store(owner, full, tally), writer);
          batch = new ArrayList<>(BATCH);
        }
      }
    } catch (ImportStoppedException e) {
      throw e; // the batch before failed: it stopped there
    } catch (RuntimeException e) {
      // The body cannot be read further: the batch being written is the last (its failure, an
      // earlier stop, wins), and the items read since are not stored.
      finish(storing);
      throw new ImportStoppedException(batch.isEmpty() ? next : batch.get(0).index(), e);
    }
    finish(storing);
    store(owner, batch, tally);
    return new ImportReport(
        tally.created.get(),
        tally.updated.get(),
        tally.unchanged.get(),
        List.copyOf(tally.failed),
        tally.dropped.stream()
            .sorted(java.util.Comparator.comparingLong(ImportReport.Dropped::index))
            .toList());
  }

  /**
   * Validates a batch's items in their order and writes the valid ones that change something. An
   * item naming an entry that an earlier item of the batch writes is compared with what that write
   * leaves, and written after it: two items naming one entry take effect in their order.
   */
  private void store(String owner, List<ImportItem> items, Tally tally) {
    List<Write> pending = new ArrayList<>(items.size());
    Set<String> pendingIds = new HashSet<>();
    for (ImportItem item : items) {
      if (item.id() != null && pendingIds.contains(item.id())) {
        write(owner, pending, tally);
        pending = new ArrayList<>(items.size());
        pendingIds.clear();
      }
      Write write = prepare(owner, item, tally);
      if (write != null) {
        pending.add(write);
        if (write.id != null) {
          pendingIds.add(write.id);
        }
      }
    }
    write(owner, pending, tally);
  }

  /** A valid item's write; null (and counted) for a failed or unchanged one. */
  private Write prepare(String owner, ImportItem item, Tally tally) {
    if (item.json() == null) {
      tally.fail(item.index(), item.problems());
      return null;
    }
    AddressEntry entry;
    try {
      entry = validator.toEntry(item.json());
    } catch (InvalidRequestException e) {
      tally.fail(item.index(), e.violations());
      return null;
    }
    Optional<VersionedEntry> existing = existing(owner, item.id());
    if (existing.isPresent() && existing.get().entry().equals(entry)) {
      tally.unchanged.incrementAndGet();
      tally.dropped(item);
      return null;
    }
    return new Write(item, existing.map(VersionedEntry::id).orElse(null), entry);
  }

  private Optional<VersionedEntry> existing(String owner, String id) {
    if (id == null || !EntryIds.isWellFormed(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(book.get(owner, id));
    } catch (EntryNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Waits for a batch to be stored; rethrows what stopped it. */
  private static void finish(CompletableFuture<Void> batch) {
    try {
      batch.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void write(String owner, List<Write> batch, Tally tally) {
    if (batch.isEmpty()) {
      return;
    }
    List<AddressEntry> creates = new ArrayList<>(batch.size());
    Map<String, AddressEntry> updates = new LinkedHashMap<>();
    for (Write write : batch) {
      if (write.id == null) {
        creates.add(write.entry);
      } else {
        updates.put(write.id, write.entry);
      }
    }
    Set<String> missing = stopping(batch, () -> book.writeBatch(owner, creates, updates));
    if (!missing.isEmpty()) {
      // Deleted since they were looked up: stored as new entries, as if they had no id.
      List<Write> recreated = batch.stream().filter(w -> missing.contains(w.id)).toList();
      stopping(
          recreated,
          () -> book.writeBatch(owner, recreated.stream().map(Write::entry).toList(), Map.of()));
    }
    tally.created.addAndGet(creates.size() + missing.size());
    tally.updated.addAndGet(updates.size() - missing.size());
    batch.forEach(write -> tally.dropped(write.item));
  }

  /**
   * Makes {@code writes} with {@code store}: when the store cannot (disk full, database down),
   * nothing more can be imported, and the import stops at the first of them.
   */
  private static <T> T stopping(List<Write> writes, Supplier<T> store) {
    try {
      return store.get();
    } catch (StorageUnavailableException e) {
      throw new ImportStoppedException(writes.get(0).item.index(), e);
    }
  }

  /** One write of a batch. */
  private record Write(ImportItem item, String id, AddressEntry entry) {}

  /** The counts, kept by the writer (and the request's thread for the last batch, after it). */
  private static final class Tally {
    final AtomicLong created = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final List<ImportReport.Failure> failed = new ArrayList<>();
    final List<ImportReport.Dropped> dropped = new ArrayList<>();

    void fail(long index, List<Violation> errors) {
      failed.add(new ImportReport.Failure(index, errors));
    }

    synchronized void dropped(ImportItem item) {
      if (!item.dropped().isEmpty() && dropped.size() < MAX_DROPPED_REPORTED) {
        dropped.add(new ImportReport.Dropped(item.index(), item.dropped()));
      }
    }
  }
}

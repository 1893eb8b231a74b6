package io.addrservice.service;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Imports many entries into one book: each item is validated like a POST body; an item whose id (a
 * card's UID, an export line's id) names an entry of the book updates it, unless it equals it; any
 * other item is created. Items are written in batches of {@value #BATCH} whose writes run together,
 * so that the file store's group commit makes each batch durable with few flushes; a batch is
 * counted only once every write in it is acknowledged. A bad item never stops the others.
 */
@ApplicationScoped
public class BookImporter {
  /** Items written together; also the most items read ahead of the writes. */
  static final int BATCH = 256;

  /** Writes in flight at once: enough for a group commit to gather many into one flush. */
  static final int WRITERS = BATCH;

  /** The most items with dropped parts named in the report; the counts cover all. */
  public static final int MAX_DROPPED_REPORTED = 1000;

  private final AddressBookService book;
  private final EntryValidator validator;
  private final ExecutorService writers =
      Executors.newFixedThreadPool(
          WRITERS,
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
    writers.shutdown();
  }

  /**
   * Imports every item into {@code owner}'s book, reading {@code items} as it goes (so the items
   * need never all be in memory at once).
   */
  public ImportReport importAll(String owner, Iterator<ImportItem> items) {
    Tally tally = new Tally();
    List<Write> batch = new ArrayList<>(BATCH);
    Set<String> idsInBatch = new HashSet<>();
    while (items.hasNext()) {
      ImportItem item = items.next();
      Write write = prepare(owner, item, tally);
      if (write == null) {
        continue;
      }
      // Two items naming one entry are written in their order, never together.
      if (batch.size() == BATCH || (write.id != null && !idsInBatch.add(write.id))) {
        run(owner, batch, tally);
        batch.clear();
        idsInBatch.clear();
        if (write.id != null) {
          idsInBatch.add(write.id);
        }
      }
      batch.add(write);
    }
    run(owner, batch, tally);
    return new ImportReport(
        tally.created.get(),
        tally.updated.get(),
        tally.unchanged.get(),
        List.copyOf(tally.failed),
        tally.dropped.stream()
            .sorted(java.util.Comparator.comparingLong(ImportReport.Dropped::index))
            .toList());
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

  private void run(String owner, List<Write> batch, Tally tally) {
    List<CompletableFuture<Void>> running = new ArrayList<>(batch.size());
    for (Write write : batch) {
      running.add(CompletableFuture.runAsync(() -> write(owner, write, tally), writers));
    }
    for (CompletableFuture<Void> done : running) {
      try {
        done.join();
      } catch (CompletionException e) {
        // The store cannot write (disk full, database down): nothing more can be imported.
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
  }

  private void write(String owner, Write write, Tally tally) {
    if (write.id == null) {
      book.create(owner, write.entry, null);
      tally.created.incrementAndGet();
    } else {
      try {
        book.update(owner, write.id, write.entry, VersionMatch.any());
        tally.updated.incrementAndGet();
      } catch (EntryNotFoundException e) {
        // Deleted since it was looked up: the item is stored as a new entry, as if it had no id.
        book.create(owner, write.entry, null);
        tally.created.incrementAndGet();
      }
    }
    tally.dropped(write.item);
  }

  /** One write of a batch. */
  private record Write(ImportItem item, String id, AddressEntry entry) {}

  /** The counts, shared by a batch's writers. */
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

package io.addrservice.service;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.store.AddressStore;
import io.addrservice.store.WriteResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The address book's rules: ids, versions, conditional writes and listing bounds. It knows nothing
 * about HTTP; failures are domain exceptions.
 */
@ApplicationScoped
public class AddressBookService {
  private final AddressStore store;
  private final IdGenerator ids;
  private final AddrServiceConfig.Page pageSizes;

  /** A service over {@code store}, with ids from {@code ids} and page sizes from config. */
  public AddressBookService(AddressStore store, IdGenerator ids, AddrServiceConfig config) {
    this.store = store;
    this.ids = ids;
    this.pageSizes = config.page();
  }

  /** Stores a new entry under a new id. */
  public VersionedEntry create(AddressEntry entry) {
    return store.insert(ids.next(), entry);
  }

  /**
   * The entry with this id.
   *
   * @throws EntryNotFoundException when there is none
   */
  public VersionedEntry get(String id) {
    requireWellFormed(id);
    return store.find(id).orElseThrow(() -> new EntryNotFoundException(id));
  }

  /**
   * Replaces the whole entry, if its current version is one that {@code expected} accepts.
   *
   * @throws EntryNotFoundException when there is no such entry (PUT never creates)
   * @throws VersionMismatchException when the entry is at another version
   */
  public VersionedEntry update(String id, AddressEntry entry, VersionMatch expected) {
    requireWellFormed(id);
    return written(id, store.replace(id, entry, expected));
  }

  /**
   * Deletes the entry, if its current version is one that {@code expected} accepts.
   *
   * @throws EntryNotFoundException when there is no such entry
   * @throws VersionMismatchException when the entry is at another version
   */
  public void delete(String id, VersionMatch expected) {
    requireWellFormed(id);
    written(id, store.remove(id, expected));
  }

  /**
   * A page of entries in id order (which is creation order).
   *
   * @param after continue after this id (which need not exist any more), or null for the start
   * @param limit the page size as the client wrote it, or null for the default
   * @param text case-insensitive text to find in the full name or an e-mail address, or null (empty
   *     parameters count as absent)
   * @throws InvalidRequestException naming every parameter that is malformed or out of range
   */
  public Page list(String after, String limit, String text) {
    // An empty parameter (?limit=) means the same as an absent one, as HTTP frameworks read it.
    after = emptyToNull(after);
    limit = emptyToNull(limit);
    text = emptyToNull(text);
    List<Violation> violations = new ArrayList<>();
    if (after != null && !IdGenerator.isWellFormed(after)) {
      violations.add(new Violation("after", "must be an entry id (32 lowercase hex digits)"));
    }
    int size = limit == null ? pageSizes.defaultSize() : parseLimit(limit);
    if (size < 1 || size > pageSizes.maxSize()) {
      violations.add(
          new Violation(
              "limit", "must be a whole number from 1 to " + pageSizes.maxSize() + " inclusive"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(InvalidRequestException.INVALID_QUERY, violations);
    }
    // One more than asked for tells whether another page follows.
    List<VersionedEntry> found = store.list(after, size + 1, text);
    if (found.size() <= size) {
      return new Page(found, size, text, null);
    }
    List<VersionedEntry> page = found.subList(0, size);
    return new Page(page, size, text, page.get(size - 1).id());
  }

  /** Whether {@link #get} and {@link #list} only read memory, so they never block. */
  public boolean readsFromMemory() {
    return store.readsFromMemory();
  }

  /** How many entries there are. */
  public long count() {
    return store.count();
  }

  private static String emptyToNull(String parameter) {
    return parameter == null || parameter.isEmpty() ? null : parameter;
  }

  private static int parseLimit(String limit) {
    // Only plain decimal digits: "+5", " 5" and "5.0" are malformed, not silently read.
    if (limit.isEmpty()
        || limit.length() > 9
        || !limit.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Integer.parseInt(limit);
  }

  private static void requireWellFormed(String id) {
    // An id this service never makes cannot exist: it never reaches the store (or a file path).
    if (!IdGenerator.isWellFormed(id)) {
      throw new EntryNotFoundException(id);
    }
  }

  private static VersionedEntry written(String id, WriteResult result) {
    return switch (result.status()) {
      case WRITTEN -> result.entry();
      case NOT_FOUND -> throw new EntryNotFoundException(id);
      case VERSION_MISMATCH -> throw new VersionMismatchException(id, result.currentVersion());
    };
  }
}

package io.addrservice.service;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.store.AddressStore;
import io.addrservice.store.StoreUnavailableException;
import io.addrservice.store.WriteResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The address book's rules: ids, versions, conditional writes and listing bounds. It knows nothing
 * about HTTP; failures are domain exceptions, the store's own included ({@link
 * StorageUnavailableException}).
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
    return stored(() -> store.insert(ids.next(), entry));
  }

  /**
   * The entry with this id.
   *
   * @throws EntryNotFoundException when there is none
   */
  public VersionedEntry get(String id) {
    requireWellFormed(id);
    return stored(() -> store.find(id)).orElseThrow(() -> new EntryNotFoundException(id));
  }

  /**
   * Replaces the whole entry, if its current version is one that {@code expected} accepts.
   *
   * @throws EntryNotFoundException when there is no such entry (PUT never creates)
   * @throws VersionMismatchException when the entry is at another version
   */
  public VersionedEntry update(String id, AddressEntry entry, VersionMatch expected) {
    requireWellFormed(id);
    return written(id, stored(() -> store.replace(id, entry, expected)));
  }

  /**
   * Deletes the entry, if its current version is one that {@code expected} accepts.
   *
   * @throws EntryNotFoundException when there is no such entry
   * @throws VersionMismatchException when the entry is at another version
   */
  public void delete(String id, VersionMatch expected) {
    requireWellFormed(id);
    written(id, stored(() -> store.remove(id, expected)));
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
    String from = emptyToNull(after);
    String size = emptyToNull(limit);
    String search = emptyToNull(text);
    List<Violation> violations = new ArrayList<>();
    if (from != null && !EntryIds.isWellFormed(from)) {
      violations.add(new Violation("after", "must be an entry id (32 lowercase hex digits)"));
    }
    int pageSize = size == null ? pageSizes.defaultSize() : parseLimit(size);
    if (pageSize < 1 || pageSize > pageSizes.maxSize()) {
      violations.add(
          new Violation(
              "limit", "must be a whole number from 1 to " + pageSizes.maxSize() + " inclusive"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(InvalidRequestException.INVALID_QUERY, violations);
    }
    // One more than asked for tells whether another page follows.
    List<VersionedEntry> found = stored(() -> store.list(from, pageSize + 1, search));
    if (found.size() <= pageSize) {
      return new Page(found, pageSize, search, null);
    }
    List<VersionedEntry> page = found.subList(0, pageSize);
    return new Page(page, pageSize, search, page.get(pageSize - 1).id());
  }

  /** How many entries there are. */
  public long count() {
    return stored(store::count);
  }

  /** The storage engine's name, for logs: {@code memory}, {@code file} or {@code postgresql}. */
  public String storageEngine() {
    return store.engine();
  }

  /** Where the entries are kept, for logs: a directory, a database URL. */
  public String storageLocation() {
    return store.location();
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
    if (!EntryIds.isWellFormed(id)) {
      throw new EntryNotFoundException(id);
    }
  }

  /** The store's answer; its failure to reach storage becomes the service's own exception. */
  private static <T> T stored(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (StoreUnavailableException e) {
      throw new StorageUnavailableException(e);
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

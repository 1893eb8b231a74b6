package io.addrservice.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.EntryIds;
import io.addrservice.model.JsonMapping;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import io.addrservice.store.AddressStore;
import io.addrservice.store.IdempotencyKey;
import io.addrservice.store.Insertion;
import io.addrservice.store.StoreUnavailableException;
import io.addrservice.store.WriteResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The address book's rules: ids, versions, conditional writes, idempotent creates and listing
 * bounds, each in the caller's own book. It knows nothing about HTTP; failures are domain
 * exceptions, the store's own included ({@link StorageUnavailableException}).
 */
@ApplicationScoped
public class AddressBookService {
  private final AddressStore store;
  private final IdGenerator ids;
  private final AddrServiceConfig.Page pageSizes;
  private final ObjectMapper json = JsonMapping.newMapper();

  /** A service over {@code store}, with ids from {@code ids} and page sizes from config. */
  public AddressBookService(AddressStore store, IdGenerator ids, AddrServiceConfig config) {
    this.store = store;
    this.ids = ids;
    this.pageSizes = config.page();
  }

  /**
   * Stores a new entry under a new id in the owner's book.
   *
   * @param idempotencyKey null, or the client's key: the first create with it (per owner, within 24
   *     hours) stores it with the entry in the same durable write, and a retry with an equal entry
   *     returns that first answer (the same id, version 1) and creates nothing
   * @throws IdempotencyKeyReusedException when the key came with another entry before
   */
  public VersionedEntry create(String owner, AddressEntry entry, String idempotencyKey) {
    IdempotencyKey key =
        idempotencyKey == null ? null : new IdempotencyKey(idempotencyKey, fingerprint(entry));
    Insertion done = stored(() -> store.insert(owner, ids.next(), entry, key));
    if (done.created() != null) {
      return done.created();
    }
    if (!done.earlierFingerprint().equals(key.fingerprint())) {
      throw new IdempotencyKeyReusedException(idempotencyKey);
    }
    // The first answer, whatever happened to the entry since: it was created at version 1.
    return new VersionedEntry(done.earlierId(), 1, entry);
  }

  /** SHA-256 of the entry's JSON, which the model writes in one fixed field order. */
  private String fingerprint(AddressEntry entry) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(entry)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint an entry", e);
    }
  }

  /**
   * Writes a batch of an import as the store's one batch write: creates each of {@code creates}
   * under a new id, and replaces each of {@code updates} (by id) whatever its version. Returns the
   * ids of {@code updates} that named no entry (nothing was written for them).
   */
  public Set<String> writeBatch(
      String owner, List<AddressEntry> creates, Map<String, AddressEntry> updates) {
    Map<String, AddressEntry> inserts = new LinkedHashMap<>();
    for (AddressEntry entry : creates) {
      inserts.put(ids.next(), entry);
    }
    updates.keySet().forEach(AddressBookService::requireWellFormed);
    return stored(() -> store.writeBatch(owner, inserts, updates));
  }

  /**
   * The owner's entry with this id (another owner's is exactly like an unknown id).
   *
   * @throws EntryNotFoundException when there is none
   */
  public VersionedEntry get(String owner, String id) {
    requireWellFormed(id);
    return stored(() -> store.find(owner, id)).orElseThrow(() -> new EntryNotFoundException(id));
  }

  /**
   * Replaces the whole entry, if its current version is one that {@code expected} accepts.
   *
   * @throws EntryNotFoundException when there is no such entry (PUT never creates)
   * @throws VersionMismatchException when the entry is at another version
   */
  public VersionedEntry update(String owner, String id, AddressEntry entry, VersionMatch expected) {
    requireWellFormed(id);
    return written(id, stored(() -> store.replace(owner, id, entry, expected)));
  }

  /**
   * Deletes the entry, if its current version is one that {@code expected} accepts.
   *
   * @throws EntryNotFoundException when there is no such entry
   * @throws VersionMismatchException when the entry is at another version
   */
  public void delete(String owner, String id, VersionMatch expected) {
    requireWellFormed(id);
    written(id, stored(() -> store.remove(owner, id, expected)));
  }

  /**
   * A page of the owner's entries in id order (which is creation order).
   *
   * @param after continue after this id (which need not exist any more), or null for the start
   * @param limit the page size as the client wrote it, or null for the default
   * @param text case-insensitive text to find in the full name or an e-mail address, or null (empty
   *     parameters count as absent)
   * @throws InvalidRequestException naming every parameter that is malformed or out of range
   */
  public Page list(String owner, String after, String limit, String text) {
    PageRequest request = PageRequest.of(after, limit, pageSizes);
    String from = request.after();
    int pageSize = request.limit();
    String search = PageRequest.emptyToNull(text);
    // One more than asked for tells whether another page follows.
    List<VersionedEntry> found = stored(() -> store.list(owner, from, pageSize + 1, search));
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

  static void requireWellFormed(String id) {
    // An id this service never makes cannot exist: it never reaches the store (or a file path).
    if (!EntryIds.isWellFormed(id)) {
      throw new EntryNotFoundException(id);
    }
  }

  /** The store's answer; its failure to reach storage becomes the service's own exception. */
  static <T> T stored(Supplier<T> operation) {
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

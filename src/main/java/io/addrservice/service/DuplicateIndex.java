package io.addrservice.service;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.VersionedEntry;
import io.addrservice.store.AddressStore;
import io.addrservice.store.Change;
import io.addrservice.store.ChangeBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the entries of a book that are likely the same person, from an index of match keys ({@link
 * MatchKeys}: e-mail, phone or fax number, name) kept per book. The index follows the store's
 * change feed: before every answer it reads the changes after the last one it applied, so every
 * write is reflected, whichever engine and whichever service instance made it (several instances
 * over one PostgreSQL database each follow the same feed). Groups are the connected parts of the
 * graph whose edges are shared keys, so they are closed under the reasons (A~B and B~C make one
 * group); they are computed from the keys that two or more entries hold, never by comparing pairs
 * of entries.
 *
 * <p>A book is indexed when its duplicates are first asked for, and kept in memory: about the size
 * of its entries' ids and keys (a few hundred bytes per entry).
 */
@ApplicationScoped
public class DuplicateIndex {
  /** Changes read per call while catching up. */
  static final int BATCH = 1000;

  private final AddressStore store;
  private final AddrServiceConfig.Page pageSizes;
  private final Map<String, Book> books = new ConcurrentHashMap<>();

  /** An index over {@code store}'s books, paged by the listing's page sizes. */
  public DuplicateIndex(AddressStore store, AddrServiceConfig config) {
    this.store = store;
    this.pageSizes = config.page();
  }

  /**
   * A page of the owner's groups of likely duplicates, in the order of each group's first id.
   *
   * @param after continue with the groups whose first id is greater than this one, or null
   * @param limit the number of groups as the client wrote it, or null for the default page size
   * @throws InvalidRequestException naming every parameter that is malformed or out of range
   */
  public DuplicatePage page(String owner, String after, String limit) {
    PageRequest request = PageRequest.of(after, limit, pageSizes);
    List<DuplicateGroup> groups = groups(owner);
    int from = 0;
    if (request.after() != null) {
      int low = 0;
      int high = groups.size();
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (first(groups.get(middle)).compareTo(request.after()) <= 0) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      from = low;
    }
    int to = Math.min(groups.size(), from + request.limit());
    List<DuplicateGroup> page = List.copyOf(groups.subList(from, to));
    String next = to < groups.size() ? first(page.get(page.size() - 1)) : null;
    return new DuplicatePage(page, request.limit(), next);
  }

  /** Every group of the owner's book, in the order of their first ids, as of now. */
  List<DuplicateGroup> groups(String owner) {
    Book book = books.computeIfAbsent(owner, o -> new Book());
    synchronized (book) {
      catchUp(owner, book);
      return book.groups();
    }
  }

  private void catchUp(String owner, Book book) {
    while (true) {
      long seen = book.seen;
      ChangeBatch batch = AddressBookService.stored(() -> store.changes(owner, seen, BATCH));
      if (seen > 0 && batch.expiredThrough() > seen) {
        // Deletions after what the index saw are gone from the feed: start again from nothing.
        book.clear();
        continue;
      }
      for (Change change : batch.changes()) {
        book.apply(change);
        book.seen = change.sequence();
      }
      if (batch.changes().size() < BATCH) {
        book.seen = Math.max(book.seen, batch.horizon());
        return;
      }
    }
  }

  private static String first(DuplicateGroup group) {
    return group.ids().get(0);
  }

  /** One book's index. Guarded by its own monitor. */
  private static final class Book {
    /** The index reflects every change up to this sequence number. */
    long seen;

    /** Each entry's keys. */
    private final Map<String, String[]> keysById = new HashMap<>();

    /** Each key's entries: one id as a String, several as a TreeSet. */
    private final Map<String, Object> idsByKey = new HashMap<>();

    /** The keys that two or more entries hold: the only ones that make groups. */
    private final Set<String> shared = new HashSet<>();

    /** The groups as last computed, or null when a change may have altered them. */
    private List<DuplicateGroup> groups = List.of();

    void clear() {
      seen = 0;
      keysById.clear();
      idsByKey.clear();
      shared.clear();
      groups = null;
    }

    void apply(Change change) {
      String id = change.id();
      String[] old = keysById.remove(id);
      if (old != null) {
        for (String key : old) {
          remove(key, id);
        }
      }
      if (!change.deleted()) {
        VersionedEntry entry = change.entry();
        String[] keys = MatchKeys.duplicateKeys(entry.entry()).toArray(String[]::new);
        for (String key : keys) {
          add(key, id);
        }
        keysById.put(id, keys);
      }
    }

    private void add(String key, String id) {
      Object ids = idsByKey.get(key);
      if (ids == null) {
        idsByKey.put(key, id);
        return;
      }
      if (ids instanceof String one) {
        if (!one.equals(id)) {
          TreeSet<String> several = new TreeSet<>();
          several.add(one);
          several.add(id);
          idsByKey.put(key, several);
          shared.add(key);
          groups = null;
        }
      } else {
        @SuppressWarnings("unchecked")
        TreeSet<String> several = (TreeSet<String>) ids;
        several.add(id);
        groups = null;
      }
    }

    private void remove(String key, String id) {
      Object ids = idsByKey.get(key);
      if (ids instanceof String one) {
        if (one.equals(id)) {
          idsByKey.remove(key);
        }
      } else if (ids != null) {
        @SuppressWarnings("unchecked")
        TreeSet<String> several = (TreeSet<String>) ids;
        several.remove(id);
        if (several.size() == 1) {
          idsByKey.put(key, several.first());
          shared.remove(key);
        }
        groups = null;
      }
    }

    List<DuplicateGroup> groups() {
      if (groups == null) {
        groups = computeGroups();
      }
      return groups;
    }

    /** Union-find over the shared keys: each key joins all its entries into one group. */
    private List<DuplicateGroup> computeGroups() {
      Map<String, String> parent = new HashMap<>();
      for (String key : shared) {
        TreeSet<String> ids = idsOf(key);
        String root = find(parent, ids.first());
        for (String id : ids) {
          String other = find(parent, id);
          if (!other.equals(root)) {
            // The smaller id becomes the root, so a group's root is its first id.
            if (other.compareTo(root) < 0) {
              parent.put(root, other);
              root = other;
            } else {
              parent.put(other, root);
            }
          }
        }
      }
      Map<String, TreeSet<String>> members = new HashMap<>();
      Map<String, List<DuplicateGroup.Reason>> reasons = new HashMap<>();
      for (String key : shared) {
        TreeSet<String> ids = idsOf(key);
        String root = find(parent, ids.first());
        members.computeIfAbsent(root, r -> new TreeSet<>()).addAll(ids);
        int colon = key.indexOf(':');
        reasons
            .computeIfAbsent(root, r -> new ArrayList<>())
            .add(
                new DuplicateGroup.Reason(
                    key.substring(0, colon), key.substring(colon + 1), List.copyOf(ids)));
      }
      Comparator<DuplicateGroup.Reason> order =
          Comparator.comparing(DuplicateGroup.Reason::kind)
              .thenComparing(DuplicateGroup.Reason::value);
      List<DuplicateGroup> all = new ArrayList<>(members.size());
      for (Map.Entry<String, TreeSet<String>> group : members.entrySet()) {
        List<DuplicateGroup.Reason> why = reasons.get(group.getKey());
        why.sort(order);
        all.add(new DuplicateGroup(List.copyOf(group.getValue()), List.copyOf(why)));
      }
      all.sort(Comparator.comparing(DuplicateIndex::first));
      return List.copyOf(all);
    }

    @SuppressWarnings("unchecked")
    private TreeSet<String> idsOf(String key) {
      return (TreeSet<String>) idsByKey.get(key);
    }

    private static String find(Map<String, String> parent, String id) {
      String root = id;
      for (String up = parent.get(root); up != null; up = parent.get(root)) {
        root = up;
      }
      // Path compression: every id on the way now points at the root.
      for (String at = id; !at.equals(root); ) {
        String up = parent.get(at);
        parent.put(at, root);
        at = up;
      }
      return root;
    }
  }
}

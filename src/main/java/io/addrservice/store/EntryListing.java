package io.addrservice.store;

import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Keyset paging and text search over entries already in id order, shared by engines. */
final class EntryListing {
  private EntryListing() {}

  /**
   * Up to {@code limit} of the entries {@code inIdOrder} that match {@code text} (all when null).
   */
  static List<VersionedEntry> page(Iterable<VersionedEntry> inIdOrder, int limit, String text) {
    String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
    List<VersionedEntry> page = new ArrayList<>(Math.min(limit, 1024));
    for (VersionedEntry candidate : inIdOrder) {
      if (page.size() >= limit) {
        break;
      }
      if (needle == null || matches(candidate.entry(), needle)) {
        page.add(candidate);
      }
    }
    return page;
  }

  static boolean matches(AddressEntry entry, String lowerCaseNeedle) {
    if (entry.fullName().toLowerCase(Locale.ROOT).contains(lowerCaseNeedle)) {
      return true;
    }
    return entry.emails().stream()
        .anyMatch(e -> e.email().toLowerCase(Locale.ROOT).contains(lowerCaseNeedle));
  }
}

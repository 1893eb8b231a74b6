package io.addrservice.service;

import io.addrservice.config.AddrServiceConfig;
import io.addrservice.model.EntryIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyset paging parameters as a client wrote them, checked once for every paged answer (the
 * listing, the duplicates).
 *
 * @param after continue after this id (which need not exist any more), or null for the start
 * @param limit the page size
 */
record PageRequest(String after, int limit) {

  /**
   * The parameters, an empty one counting as absent (as HTTP frameworks read {@code ?limit=}).
   *
   * @throws InvalidRequestException naming every parameter that is malformed or out of range
   */
  static PageRequest of(String after, String limit, AddrServiceConfig.Page sizes) {
    String from = emptyToNull(after);
    String size = emptyToNull(limit);
    List<Violation> violations = new ArrayList<>();
    if (from != null && !EntryIds.isWellFormed(from)) {
      violations.add(new Violation("after", "must be an entry id (32 lowercase hex digits)"));
    }
    int pageSize = size == null ? sizes.defaultSize() : parseLimit(size);
    if (pageSize < 1 || pageSize > sizes.maxSize()) {
      violations.add(
          new Violation(
              "limit", "must be a whole number from 1 to " + sizes.maxSize() + " inclusive"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(InvalidRequestException.INVALID_QUERY, violations);
    }
    return new PageRequest(from, pageSize);
  }

  static String emptyToNull(String parameter) {
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
}

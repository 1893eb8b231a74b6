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
    int pageSize = Limits.parse(size, sizes);
    if (pageSize < 1) {
      violations.add(Limits.violation(sizes));
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(InvalidRequestException.INVALID_QUERY, violations);
    }
    return new PageRequest(from, pageSize);
  }

  static String emptyToNull(String parameter) {
    return parameter == null || parameter.isEmpty() ? null : parameter;
  }
}

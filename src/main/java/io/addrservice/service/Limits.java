package io.addrservice.service;

import io.addrservice.config.AddrServiceConfig;
import java.util.List;

/** The page size of a listing or of the change feed, as a client writes it in {@code limit}. */
final class Limits {
  private Limits() {}

  /**
   * The page size {@code limit} asks for, or the default when it is null or empty.
   *
   * @throws InvalidRequestException when it is not a whole number from 1 to the maximum
   */
  static int pageSize(String limit, AddrServiceConfig.Page sizes) {
    int size = parse(limit, sizes);
    if (size < 1) {
      throw new InvalidRequestException(
          InvalidRequestException.INVALID_QUERY, List.of(violation(sizes)));
    }
    return size;
  }

  /** The page size, the default when absent, or -1 when malformed or out of range. */
  static int parse(String limit, AddrServiceConfig.Page sizes) {
    if (limit == null || limit.isEmpty()) {
      return sizes.defaultSize();
    }
    // Only plain decimal digits: "+5", " 5" and "5.0" are malformed, not silently read.
    if (limit.length() > 9 || !limit.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    int size = Integer.parseInt(limit);
    return size >= 1 && size <= sizes.maxSize() ? size : -1;
  }

  /** What a bad limit broke. */
  static Violation violation(AddrServiceConfig.Page sizes) {
    return new Violation(
        "limit", "must be a whole number from 1 to " + sizes.maxSize() + " inclusive");
  }
}

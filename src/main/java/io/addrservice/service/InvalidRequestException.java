package io.addrservice.service;

import java.util.List;

/** A request broke one or more rules; every violation is listed, not only the first. */
public final class InvalidRequestException extends RuntimeException {
  /** The message of an entry that does not satisfy the entry schema. */
  public static final String INVALID_ENTRY = "JSON Schema validation failed";

  /** The message of a listing with a bad query parameter. */
  public static final String INVALID_QUERY = "Invalid query parameter";

  /** The message of a change feed request whose token cannot be used. */
  public static final String INVALID_TOKEN = "Invalid change feed token";

  private final List<Violation> violations;

  /** A failure with a short message and the rules broken. */
  public InvalidRequestException(String message, List<Violation> violations) {
    super(message);
    this.violations = List.copyOf(violations);
  }

  /** Every rule the request broke. */
  public List<Violation> violations() {
    return violations;
  }
}

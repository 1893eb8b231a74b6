package io.addrservice.model;

/**
 * Values of the OpenAPI annotations on the model that restate a rule of the entry schema (the one
 * enforcer, {@code schema/address-book-v1.0.json}); a test keeps the two in agreement.
 */
final class Rules {
  /** The schema's not-blank rule: at least one character that is not whitespace. */
  static final String NOT_BLANK = "\\S";

  private Rules() {}
}

package io.addrservice.model;

/** Owners of books: every entry belongs to exactly one, and each sees only its own. */
public final class Owners {
  /**
   * The one shared book of {@code addrservice.auth.mode=none} (a JWT {@code sub} is never empty).
   */
  public static final String SHARED_BOOK = "";

  private Owners() {}
}

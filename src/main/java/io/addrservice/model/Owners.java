package io.addrservice.model;

/** Owners of books. */
public final class Owners {
  /** The one shared book of `addrservice.auth.mode=none` (a JWT `sub` is never empty). */
  public static final String SHARED_BOOK = "";

  private Owners() {}
}

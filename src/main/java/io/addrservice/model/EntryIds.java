package io.addrservice.model;

/**
 * The form of entry ids, stated once for every layer: the ids the service makes, and the wider
 * alphabet a path segment may use to reach the id lookup at all. The SQL migration's CHECK cannot
 * import these, so a test compares it with {@link #ID_REGEX}.
 */
public final class EntryIds {
  /** The length of an id. */
  public static final int LENGTH = 32;

  /** An id the service makes: a UUIDv7 as 32 lowercase hex digits, without dashes. */
  public static final String ID_REGEX = "[0-9a-f]{" + LENGTH + "}";

  /** {@link #ID_REGEX} as a JSON Schema pattern, which must be anchored to match a whole value. */
  public static final String ID_PATTERN = "^" + ID_REGEX + "$";

  /**
   * What a path segment may hold to be looked up as an id (anything else is an unknown endpoint):
   * wider than {@link #ID_REGEX}, so a well-formed path with an id of another form is a 404 that
   * names that id.
   */
  public static final String PATH_REGEX = "[A-Za-z0-9-]{1,64}";

  /** {@link #PATH_REGEX} as a JSON Schema pattern. */
  public static final String PATH_PATTERN = "^" + PATH_REGEX + "$";

  private EntryIds() {}

  /**
   * Whether {@code text} matches {@link #ID_REGEX}; checked by hand, as it runs on every request
   * that names an entry.
   */
  public static boolean isWellFormed(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}

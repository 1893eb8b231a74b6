package io.addrservice.api.body;

/**
 * A stored entry that cannot be written out as JSON (a file edited by hand, data from an older
 * version that accepted what it no longer does). The validator keeps such values out; this is the
 * defence behind it: one bad entry fails its own read, never a listing of the others.
 */
public class UnwritableEntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The message of the 500 a read of such an entry answers, with its id. */
  public static final String MESSAGE =
      "Entry %s cannot be read: the stored value cannot be written out";

  private final String id;

  /** Entry {@code id} failed to serialise with {@code cause}. */
  public UnwritableEntryException(String id, Throwable cause) {
    super(String.format(MESSAGE, id), cause);
    this.id = id;
  }

  /** The id of the entry. */
  public String id() {
    return id;
  }
}

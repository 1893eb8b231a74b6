package io.addrservice.service;

/**
 * An import that could not go on (its store failed, its body could not be read further): the items
 * before {@link #at()} were all stored, found unchanged or refused, so sending the items from
 * {@code at} again finishes it. The import stored nothing from there on, but in two cases: the
 * write the store failed on may have taken effect, as any write a storage failure interrupts may
 * have; and an item naming an entry deleted while the import ran is stored as a new entry by a
 * second write of its batch, and when that write fails, {@code at} is that item's and the batch's
 * later items are stored. The cause says why it stopped.
 */
public final class ImportStoppedException extends RuntimeException {
  private final long at;

  /** An import stopped at item {@code at} (counted from 0) by {@code cause}. */
  public ImportStoppedException(long at, RuntimeException cause) {
    super(
        "the import stopped at item " + at + "; every item before it was stored or refused", cause);
    this.at = at;
  }

  /** The index of the first item the import did not store. */
  public long at() {
    return at;
  }

  /** Why it stopped. */
  @Override
  public synchronized RuntimeException getCause() {
    return (RuntimeException) super.getCause();
  }
}

package io.addrservice.service;

/** No entry has the requested id. */
public final class EntryNotFoundException extends RuntimeException {
  private final String id;

  /** For the entry with this id. */
  public EntryNotFoundException(String id) {
    super("Entry " + id + " not found");
    this.id = id;
  }

  /** The id that was asked for. */
  public String id() {
    return id;
  }
}

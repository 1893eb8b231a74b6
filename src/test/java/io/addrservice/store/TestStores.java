package io.addrservice.store;

/** Engines for tests outside this package. */
public final class TestStores {
  private TestStores() {}

  /** A new, empty memory store. */
  public static AddressStore memory() {
    return new MemoryStore();
  }
}

package io.addrservice.store;

/** Engines for tests outside this package. */
public final class TestStores {
  private TestStores() {}

  /** A new, empty memory store. */
  public static AddressStore memory() {
    return new MemoryStore();
  }

  /** A new, empty memory store keeping tombstones for {@code retention}. */
  public static AddressStore memory(Retention retention) {
    return new MemoryStore(retention);
  }

  /** {@code store}, telling {@code writes} of its writes as the service's store does. */
  public static AddressStore signalling(AddressStore store, LocalWrites writes) {
    return new SignallingStore(store, writes);
  }
}

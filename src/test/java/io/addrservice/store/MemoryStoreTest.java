package io.addrservice.store;

/** The store contract on the memory engine. */
class MemoryStoreTest extends AddressStoreContractTest {
  @Override
  protected AddressStore openEmptyStore(Retention retention) {
    return new MemoryStore(retention);
  }
}

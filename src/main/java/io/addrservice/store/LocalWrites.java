package io.addrservice.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells whoever listens that this instance has just written a change, so that the change feed's
 * open streams read it at once instead of at their next poll. Writes of other instances sharing a
 * database are not seen here.
 */
public final class LocalWrites {
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Calls {@code listener} with the owner of the book after every write of this instance; it must
   * return quickly.
   */
  public void onWrite(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** Stops calling {@code listener}. */
  public void remove(Consumer<String> listener) {
    listeners.remove(listener);
  }

  void written(String owner) {
    for (Consumer<String> listener : listeners) {
      listener.accept(owner);
    }
  }
}

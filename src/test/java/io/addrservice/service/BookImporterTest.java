package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.config.TestConfig;
import io.addrservice.model.JsonMapping;
import io.addrservice.store.AddressStore;
import io.addrservice.store.StoreUnavailableException;
import io.addrservice.store.TestStores;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An import that cannot go on says where it stopped, and has stored everything before that. */
class BookImporterTest {
  private static final String OWNER = "ann";
  private static final ObjectMapper JSON = JsonMapping.newMapper();

  private final AddressStore memory = TestStores.memory();
  private final AtomicInteger batchesAllowed = new AtomicInteger(Integer.MAX_VALUE);
  private final BookImporter importer =
      new BookImporter(
          new AddressBookService(failingAfter(memory), new IdGenerator(), TestConfig.defaults()),
          new EntryValidator(JSON));

  @AfterEach
  void stop() {
    importer.stop();
  }

  @Test
  void aStoreThatFailsStopsTheImportAtTheFirstItemOfTheBatchItCouldNotWrite() {
    batchesAllowed.set(2);
    ImportStoppedException stopped =
        assertThrows(
            ImportStoppedException.class,
            () -> importer.importAll(OWNER, items(3 * BookImporter.BATCH + 10, null)));
    assertEquals(2L * BookImporter.BATCH, stopped.at());
    assertInstanceOf(StorageUnavailableException.class, stopped.getCause());
    assertEquals(2L * BookImporter.BATCH, memory.count());
  }

  @Test
  void aBodyThatCannotBeReadFurtherStopsAtTheFirstItemNotStored() {
    RuntimeException cut = new IllegalStateException("the body was cut off");
    ImportStoppedException stopped =
        assertThrows(
            ImportStoppedException.class,
            () -> importer.importAll(OWNER, items(BookImporter.BATCH + 40, cut)));
    assertEquals(BookImporter.BATCH, stopped.at());
    assertSame(cut, stopped.getCause());
    // The batch being written when the reading failed is stored before the import answers.
    assertEquals(BookImporter.BATCH, memory.count());
  }

  @Test
  void aReadingFailureAfterABatchTheStoreRefusedStopsWhereTheStoreDid() {
    batchesAllowed.set(0);
    ImportStoppedException stopped =
        assertThrows(
            ImportStoppedException.class,
            () ->
                importer.importAll(
                    OWNER, items(BookImporter.BATCH + 1, new IllegalStateException("cut off"))));
    assertEquals(0, stopped.at());
    assertInstanceOf(StorageUnavailableException.class, stopped.getCause());
    assertEquals(0, memory.count());
  }

  @Test
  void aStopAtTheLastPartialBatchNamesItsFirstItem() {
    batchesAllowed.set(1);
    ImportStoppedException stopped =
        assertThrows(
            ImportStoppedException.class,
            () -> importer.importAll(OWNER, items(BookImporter.BATCH + 5, null)));
    assertEquals(BookImporter.BATCH, stopped.at());
    assertEquals(
        "the import stopped at item 256; every item before it was stored or refused",
        stopped.getMessage());
  }

  /** {@code count} valid items, then {@code failure} thrown by the reading (when not null). */
  private static Iterator<ImportItem> items(int count, RuntimeException failure) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        if (next == count && failure != null) {
          throw failure;
        }
        return next < count;
      }

      @Override
      public ImportItem next() {
        int index = next++;
        return new ImportItem(
            index,
            JSON.createObjectNode().put("full_name", "Person " + index),
            null,
            List.of(),
            List.of());
      }
    };
  }

  /** {@code store}, whose batch writes fail once {@link #batchesAllowed} have been made. */
  private AddressStore failingAfter(AddressStore store) {
    return (AddressStore)
        Proxy.newProxyInstance(
            AddressStore.class.getClassLoader(),
            new Class<?>[] {AddressStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("writeBatch") && batchesAllowed.getAndDecrement() <= 0) {
                throw new StoreUnavailableException(
                    "cannot write", new IOException("No space left on device (injected)"));
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}

package io.addrservice.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.addrservice.model.EntryIds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Ids are UUIDv7 in 32 lowercase hex digits, strictly increasing. */
class IdGeneratorTest {

  @Test
  void idsAreVersion7WithTheTimeInFront() {
    IdGenerator ids = new IdGenerator(() -> 0x0190_F8A1_B2C3L);
    String id = ids.next();
    assertTrue(EntryIds.isWellFormed(id), id);
    assertTrue(id.startsWith("0190f8a1b2c3"), id);
    assertEquals('7', id.charAt(12));
    assertTrue("89ab".indexOf(id.charAt(16)) >= 0, id);
  }

  @Test
  void idsIncreaseWithinOneMillisecondAndPastTheCounter() {
    IdGenerator ids = new IdGenerator(() -> 1_700_000_000_000L);
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      made.add(ids.next());
    }
    assertEquals(made.stream().sorted().toList(), made);
    assertEquals(made.size(), made.stream().distinct().count());
  }

  @Test
  void idsIncreaseWhenTheClockGoesBack() {
    AtomicLong now = new AtomicLong(1_700_000_000_000L);
    IdGenerator ids = new IdGenerator(now::get);
    String first = ids.next();
    now.addAndGet(-5_000);
    String second = ids.next();
    assertTrue(second.compareTo(first) > 0, first + " then " + second);
  }
}

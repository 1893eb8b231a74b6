package io.addrservice.api.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void printableAsciiUpTo128CharactersIsKept() {
    assertEquals("abc-123", RequestIds.forHeader("abc-123"));
    assertEquals("a b \"c\" ~", RequestIds.forHeader("a b \"c\" ~"));
    String longest = "x".repeat(RequestIds.MAX_LENGTH);
    assertEquals(longest, RequestIds.forHeader(longest));
  }

  @Test
  void anythingElseIsReplaced() {
    assertFalse(RequestIds.isValid(null));
    assertFalse(RequestIds.isValid(""));
    assertFalse(RequestIds.isValid("x".repeat(RequestIds.MAX_LENGTH + 1)));
    assertFalse(RequestIds.isValid("tab\there"));
    assertFalse(RequestIds.isValid("del\u007f"));
    assertFalse(RequestIds.isValid("caf\u00e9"));
    assertNotEquals("caf\u00e9", RequestIds.forHeader("caf\u00e9"));
  }

  @Test
  void generatedIdsAreCompactUrlSafeAndDistinct() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestIds.generate();
      assertTrue(id.matches("[A-Za-z0-9_-]{16}"), id);
      assertTrue(RequestIds.isValid(id));
      ids.add(id);
    }
    assertEquals(10_000, ids.size());
  }
}

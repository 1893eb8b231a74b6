package io.addrservice.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The {@code Allow} header names the methods of the path asked for. */
class AllowedMethodsTest {

  @Test
  void allowedMethodsByPath() {
    assertEquals(AllowedMethods.COLLECTION, AllowedMethods.forPath("/addresses"));
    assertEquals(AllowedMethods.COLLECTION, AllowedMethods.forPath("/addresses/"));
    assertEquals(AllowedMethods.ENTRY, AllowedMethods.forPath("/addresses/abc-1/"));
    assertEquals(AllowedMethods.DUPLICATES, AllowedMethods.forPath("/addresses/duplicates/"));
    assertEquals(AllowedMethods.MERGE, AllowedMethods.forPath("/addresses/abc-1/merge"));
    assertNull(AllowedMethods.forPath("/addresses/abc-1/merged"));
    assertNull(AllowedMethods.forPath("/other"));
  }
}

package io.addrservice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The id's form, stated once, and the one place that cannot import it says the same. */
class EntryIdsTest {

  @Test
  void wellFormedIsExactly32LowercaseHexDigits() {
    assertTrue(EntryIds.isWellFormed("0190f8a1b2c37d4e8f90a1b2c3d4e5f6"));
    assertFalse(EntryIds.isWellFormed("0190F8A1B2C37D4E8F90A1B2C3D4E5F6"));
    assertFalse(EntryIds.isWellFormed("0190f8a1-b2c3-7d4e-8f90-a1b2c3d4e5f6"));
    assertFalse(EntryIds.isWellFormed("0190f8a1b2c37d4e8f90a1b2c3d4e5f"));
    assertFalse(EntryIds.isWellFormed("../../../../etc/passwd0000000000"));
    assertFalse(EntryIds.isWellFormed(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0190f8a1b2c37d4e8f90a1b2c3d4e5f6",
        "0190f8a1b2c37d4e8f90a1b2c3d4e5fg",
        "0190f8a1b2c37d4e8f90a1b2c3d4e5f",
        "0190f8a1b2c37d4e8f90a1b2c3d4e5f60",
        "0190F8A1B2C37D4E8F90A1B2C3D4E5F6",
        "",
        "ffffffffffffffffffffffffffffffff",
        "0000000000000000000000000000000/"
      })
  void theCheckByHandIsTheRegex(String text) {
    assertEquals(text.matches(EntryIds.ID_REGEX), EntryIds.isWellFormed(text), text);
    assertEquals(
        Pattern.compile(EntryIds.ID_PATTERN).matcher(text).find(),
        EntryIds.isWellFormed(text),
        text);
  }

  @Test
  void everyIdIsAPathId() {
    assertTrue("0190f8a1b2c37d4e8f90a1b2c3d4e5f6".matches(EntryIds.PATH_REGEX));
    assertTrue("a".repeat(64).matches(EntryIds.PATH_REGEX));
    assertFalse("a".repeat(65).matches(EntryIds.PATH_REGEX));
    assertFalse("a;b".matches(EntryIds.PATH_REGEX));
  }

  @Test
  void theDatabaseChecksTheSameForm() throws IOException {
    String migration;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("db/migration/V1__entries.sql")) {
      migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher check = Pattern.compile("CHECK \\(id ~ '([^']*)'\\)").matcher(migration);
    assertTrue(check.find(), "the id column has a regular-expression CHECK");
    assertEquals(EntryIds.ID_PATTERN, check.group(1));
  }
}

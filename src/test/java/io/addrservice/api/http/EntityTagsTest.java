package io.addrservice.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.addrservice.model.VersionMatch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ETags are quoted versions; If-Match names the versions a write accepts. */
class EntityTagsTest {

  @Test
  void ifMatchAbsentOrStarIsUnconditional() {
    assertEquals(VersionMatch.any(), EntityTags.ifMatch(null));
    assertEquals(VersionMatch.any(), EntityTags.ifMatch(List.of()));
    assertEquals(VersionMatch.any(), EntityTags.ifMatch(List.of("*")));
    assertEquals(VersionMatch.any(), EntityTags.ifMatch(List.of("\"1\", *")));
  }

  @Test
  void ifMatchTakesEveryStrongTagOfEveryValue() {
    assertEquals(
        VersionMatch.oneOf(Set.of(1L, 2L, 3L)),
        EntityTags.ifMatch(List.of("\"1\", \"2\"", " \"3\" ")));
  }

  @Test
  void weakAndForeignTagsMatchNothing() {
    assertEquals(
        VersionMatch.oneOf(Set.of()),
        EntityTags.ifMatch(
            List.of("W/\"1\"", "\"abc\"", "1", "\"\"", "\"99999999999999999999999\"")));
  }

  @Test
  void etagIsTheQuotedVersion() {
    assertEquals("7", EntityTags.of(7).getValue());
    assertFalse(EntityTags.of(7).isWeak());
  }
}

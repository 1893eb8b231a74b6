package io.addrservice.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.addrservice.model.VersionMatch;
import io.addrservice.service.InvalidRequestException;
import io.addrservice.service.Violation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entity tags and the conditional headers' syntax. */
class EntityTagsTest {

  @Test
  void ifMatchAbsentOrStarIsUnconditional() {
    assertEquals(VersionMatch.any(), EntityTags.ifMatch(null));
    assertEquals(VersionMatch.any(), EntityTags.ifMatch(List.of()));
    assertEquals(VersionMatch.any(), EntityTags.ifMatch(List.of("*")));
    assertEquals(VersionMatch.any(), EntityTags.ifMatch(List.of(" * ")));
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
        EntityTags.ifMatch(List.of("W/\"1\"", "\"abc\"", "\"\"", "\"99999999999999999999999\"")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        ",",
        " , ",
        "1",
        "abc",
        "\"1\", *",
        "*, *",
        "\"1",
        "W/1",
        "\"a b\"",
        "\"a\"b\""
      })
  void emptyOrMalformedConditionsAreRefusedNotIgnored(String header) {
    for (String name : List.of("If-Match", "If-None-Match")) {
      InvalidRequestException refused =
          assertThrows(InvalidRequestException.class, () -> EntityTags.tags(name, List.of(header)));
      assertEquals("Invalid request header", refused.getMessage());
      assertEquals(
          List.of(new Violation(name, "must be * or a list of entity tags such as \"3\"")),
          refused.violations());
    }
    assertThrows(InvalidRequestException.class, () -> EntityTags.ifMatch(List.of(header)));
    assertThrows(
        InvalidRequestException.class, () -> EntityTags.noneMatchNames(List.of(header), 1));
  }

  @Test
  void etagIsTheQuotedVersion() {
    assertEquals("7", EntityTags.of(7).getValue());
    assertFalse(EntityTags.of(7).isWeak());
  }
}

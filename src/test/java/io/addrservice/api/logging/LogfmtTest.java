package io.addrservice.api.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogfmtTest {

  private static String line(String value) {
    return Logfmt.append(new StringBuilder(), "k", value).toString();
  }

  @Test
  void plainValuesAreNotQuoted() {
    assertEquals("k=/addresses/0190abc", line("/addresses/0190abc"));
    assertEquals("k=déjà-vu", line("déjà-vu"));
  }

  @Test
  void valuesWithSpacesQuotesOrBackslashesAreQuotedAndEscaped() {
    assertEquals("k=\"Entry 42 not found\"", line("Entry 42 not found"));
    assertEquals("k=\"say \\\"hi\\\"\"", line("say \"hi\""));
    assertEquals("k=\"C:\\\\temp\"", line("C:\\temp"));
    // '=' too, or a parser would take "limit" for a key.
    assertEquals("k=\"/addresses?limit=10\"", line("/addresses?limit=10"));
  }

  @Test
  void controlCharactersAreEscapedSoALineStaysOneLine() {
    assertEquals("k=\"a\\nb\\rc\\td\"", line("a\nb\rc\td"));
    assertEquals("k=\"x\\u0001y\\u007f\"", line("x\u0001y\u007f"));
  }

  @Test
  void emptyAndMissingValuesStayVisible() {
    assertEquals("k=\"\"", line(""));
    assertEquals("k=-", line(null));
  }

  @Test
  void pairsAreSeparatedBySingleSpaces() {
    StringBuilder line = new StringBuilder();
    Logfmt.append(line, "method", "GET");
    Logfmt.append(line, "reason", "Unknown Endpoint");
    assertEquals("method=GET reason=\"Unknown Endpoint\"", line.toString());
    assertEquals("\"a b\"", Logfmt.quote("a b"));
  }
}

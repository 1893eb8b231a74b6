package io.addrservice.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The status line's reason phrase is the error's message, made safe for HTTP/1.1. */
class ReasonPhraseFilterTest {

  @Test
  void reasonPhrasesAreOneLineOfPrintableAscii() {
    assertEquals("Invalid JSON body", ReasonPhraseFilter.reasonPhrase("Invalid JSON body"));
    assertEquals("a?b?c?", ReasonPhraseFilter.reasonPhrase("a\nb\u00e9c\u0000"));
    assertEquals(200, ReasonPhraseFilter.reasonPhrase("x".repeat(500)).length());
  }
}

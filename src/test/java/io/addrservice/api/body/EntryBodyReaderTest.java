package io.addrservice.api.body;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The media types a request body is read as JSON from. */
class EntryBodyReaderTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "application/merge-patch+json",
        "application/vnd.addrservice+json",
        "text/plain",
        "application/x-www-form-urlencoded"
      })
  void typesReadAsJson(String type) {
    assertTrue(EntryBodyReader.readsAsJson(MediaType.valueOf(type)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"application/xml", "text/html", "multipart/form-data", "*/*", "application/*"})
  void typesRefused(String type) {
    assertFalse(EntryBodyReader.readsAsJson(MediaType.valueOf(type)));
  }
}

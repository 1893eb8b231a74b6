package io.addrservice.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One item of an import, as the web layer read it from the stream: an entry's JSON (not yet
 * validated), or why the item could not even be read.
 *
 * @param index the item's position in the stream, from 0
 * @param json the entry's JSON, or null when the item could not be read
 * @param id the id the item names (a card's UID, an export line's id), or null
 * @param problems why the item could not be read, when {@code json} is null
 * @param dropped what the item held that an entry cannot keep (parts of a card)
 */
public record ImportItem(
    long index, JsonNode json, String id, List<Violation> problems, List<String> dropped) {
  /** Copies the lists so the item cannot change. */
  public ImportItem {
    problems = List.copyOf(problems);
    dropped = List.copyOf(dropped);
  }
}

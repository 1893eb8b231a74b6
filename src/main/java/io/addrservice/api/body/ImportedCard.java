package io.addrservice.api.body;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a card (vCard or JSContact) says as an entry: the entry's JSON, not yet validated (the entry
 * schema, through the service's validator, judges it like any JSON body), the id its UID names, and
 * what the card held that an entry cannot keep.
 *
 * @param json the entry's JSON
 * @param id the entry id that the card's UID names ({@code urn:uuid:} of an id of this service), or
 *     null when it names none
 * @param warnings what was dropped, one sentence each, in the card's order
 */
public record ImportedCard(ObjectNode json, String id, List<String> warnings) {
  /** Copies the warnings so the result cannot change. */
  public ImportedCard {
    warnings = List.copyOf(warnings);
  }
}

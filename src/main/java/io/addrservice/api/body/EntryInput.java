package io.addrservice.api.body;

import io.addrservice.model.AddressEntry;
import java.util.List;

/**
 * A valid entry read from a request body, in any representation the service reads (JSON, vCard,
 * JSContact), with what the body held that the entry could not keep (a card's photo, notes, kinds
 * other than home and work), for the response to report.
 *
 * @param entry the entry, valid against the entry schema
 * @param dropped what was dropped, one sentence each; empty for a JSON body
 */
public record EntryInput(AddressEntry entry, List<String> dropped) {
  /** Copies the list so the result cannot change. */
  public EntryInput {
    dropped = List.copyOf(dropped);
  }
}

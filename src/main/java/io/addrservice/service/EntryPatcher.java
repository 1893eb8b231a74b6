package io.addrservice.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.AddressEntry;
import io.addrservice.model.VersionMatch;
import io.addrservice.model.VersionedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Changes part of an entry with a JSON Merge Patch: the patch is merged onto the stored entry's
 * JSON and the result is validated like a whole new entry (by the entry schema, the one enforcer),
 * then written only if the entry is still at the version the patch was merged onto.
 */
@ApplicationScoped
public class EntryPatcher {
  /** How often an unconditional patch is merged again after a concurrent write won the race. */
  static final int ATTEMPTS = 10;

  private final AddressBookService book;
  private final EntryValidator validator;
  private final ObjectMapper mapper;

  /** A patcher writing through {@code book}. */
  public EntryPatcher(AddressBookService book, EntryValidator validator, ObjectMapper mapper) {
    this.book = book;
    this.validator = validator;
    this.mapper = mapper;
  }

  /**
   * Merges {@code patch} onto the entry and stores the result.
   *
   * @param owner the caller's book: another owner's entry is not found
   * @param expected the versions the client's If-Match accepts
   * @throws EntryNotFoundException when there is no such entry
   * @throws VersionMismatchException when the entry is at a version {@code expected} does not name
   * @throws InvalidRequestException listing every violation of the merged entry, with JSON paths
   */
  public VersionedEntry patch(String owner, String id, JsonNode patch, VersionMatch expected) {
    for (int attempt = 1; ; attempt++) {
      VersionedEntry current = book.get(owner, id);
      if (!expected.matches(current.version())) {
        throw new VersionMismatchException(id, current.version());
      }
      JsonNode merged = MergePatch.apply(mapper.valueToTree(current.entry()), patch);
      AddressEntry entry = validator.toEntry(merged);
      try {
        // Written only over the version it was merged onto: a write in between is not lost.
        return book.update(owner, id, entry, VersionMatch.oneOf(Set.of(current.version())));
      } catch (VersionMismatchException raced) {
        if (!expected.unconditional() || attempt == ATTEMPTS) {
          throw raced;
        }
      }
    }
  }
}

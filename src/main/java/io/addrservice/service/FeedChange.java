package io.addrservice.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.addrservice.model.AddressEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One entry as the change feed reports it: its latest state, or its deletion.
 *
 * @param id the entry's id
 * @param version the entry's version (for a deletion, the version that was deleted)
 * @param entry the entry, absent for a deletion
 * @param deleted true for a deletion, absent otherwise
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Change", description = "An entry in its latest state, or its deletion")
public record FeedChange(
    @Schema(required = true, examples = "0190f8a1b2c37d4e8f90a1b2c3d4e5f6") String id,
    @Schema(required = true, examples = "4") long version,
    @Schema(description = "The entry; absent for a deletion") AddressEntry entry,
    @Schema(description = "true for a deletion; absent otherwise") Boolean deleted) {

  /** The entry's latest state. */
  static FeedChange live(String id, long version, AddressEntry entry) {
    return new FeedChange(id, version, entry, null);
  }

  /** The entry's deletion. */
  static FeedChange tombstone(String id, long version) {
    return new FeedChange(id, version, null, Boolean.TRUE);
  }
}

package io.addrservice.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an import did.
 *
 * @param created items stored as new entries
 * @param updated items that changed the entry their UID or id names
 * @param unchanged items equal to the entry they name (nothing written)
 * @param failed the items that were not stored, each with why
 * @param dropped items stored without parts an entry cannot keep (the first {@value
 *     BookImporter#MAX_DROPPED_REPORTED}), each with what was dropped
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What an import did")
public record ImportReport(
    @Schema(required = true) long created,
    @Schema(required = true) long updated,
    @Schema(required = true) long unchanged,
    @Schema(required = true) List<Failure> failed,
    @Schema(required = true) List<Dropped> dropped) {

  /**
   * An item that was not stored.
   *
   * @param index its position in the stream, from 0
   * @param errors every violation, as in a 400's error body
   */
  @RegisterForReflection
  public record Failure(long index, List<Violation> errors) {}

  /**
   * An item stored without some of its parts.
   *
   * @param index its position in the stream, from 0
   * @param parts what was dropped, one sentence each
   */
  @RegisterForReflection
  public record Dropped(long index, List<String> parts) {}
}

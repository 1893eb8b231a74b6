package io.addrservice.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Entries that are likely the same person: every two of them are linked by a chain of shared
 * values.
 *
 * @param ids the entries, in id order (at least two)
 * @param reasons each value that two or more of them share
 */
@RegisterForReflection
@Schema(description = "Entries that are likely the same person, with why")
public record DuplicateGroup(
    @Schema(required = true, description = "The entries' ids, in id order") List<String> ids,
    @Schema(required = true, description = "Each value that two or more of them share")
        List<Reason> reasons) {

  /**
   * One value shared by entries of a group.
   *
   * @param kind {@code email}, {@code phone} or {@code name}
   * @param value the shared value in its compared form: the e-mail address in lower case, the
   *     number as {@code +<country code> <area code> <local number>}, the name case-folded without
   *     accents, punctuation or spaces
   * @param ids the entries that share it, in id order
   */
  @RegisterForReflection
  @Schema(description = "A value that entries of the group share")
  public record Reason(
      @Schema(
              required = true,
              enumeration = {"email", "phone", "name"})
          String kind,
      @Schema(required = true, description = "The value in the form it is compared in")
          String value,
      @Schema(required = true, description = "The entries that share it, in id order")
          List<String> ids) {}
}

package io.addrservice.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of the change feed.
 *
 * @param changes each entry at most once, in its latest state, deletions as tombstones
 * @param next the token to continue from: the next page while {@code more}, else the next sync
 * @param more whether more changes follow at once (the response's {@code Link: rel="next"})
 * @param limit the page size that was used
 */
@RegisterForReflection
@Schema(name = "ChangePage", description = "A page of the change feed and the token that follows")
public record ChangePage(
    @Schema(required = true) List<FeedChange> changes,
    @Schema(
            required = true,
            description =
                "Opaque token: GET /addresses/changes?since=<next> continues exactly after this"
                    + " page")
        String next,
    @JsonIgnore boolean more,
    @JsonIgnore int limit) {}

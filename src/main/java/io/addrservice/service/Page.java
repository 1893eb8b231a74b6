package io.addrservice.service;

import io.addrservice.model.VersionedEntry;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param entries the entries, in id order
 * @param limit the page size that was used
 * @param text the search text, or null
 * @param nextAfter the id to continue after when more entries follow, or null on the last page
 */
public record Page(List<VersionedEntry> entries, int limit, String text, String nextAfter) {}

package io.addrservice.service;

import java.util.List;

/**
 * One page of a book's likely duplicates.
 *
 * @param groups the groups, in the order of their first id
 * @param limit the page size that was used
 * @param nextAfter the first id of the page's last group when more groups follow, or null
 */
public record DuplicatePage(List<DuplicateGroup> groups, int limit, String nextAfter) {}

package io.addrservice.store;

import java.util.List;

/**
 * Changes of one book after a sequence number.
 *
 * @param changes up to the asked number of changes, in ascending sequence order, each entry at most
 *     once in its latest state
 * @param horizon every change with a sequence number up to this one is either in {@code changes} or
 *     superseded by a later one; when {@code changes} holds fewer than asked for, a reader is in
 *     step through this number. Changes above it may still be in flight (not yet visible).
 * @param expiredThrough tombstones with a sequence number up to this one have been dropped after
 *     {@code addrservice.changes.retention}: a reader that last saw a number below it may have
 *     missed a deletion and must start again
 */
public record ChangeBatch(List<Change> changes, long horizon, long expiredThrough) {}

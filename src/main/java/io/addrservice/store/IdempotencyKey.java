package io.addrservice.store;

/**
 * An idempotency key as a create presents it: the client's key and a fingerprint of the entry it
 * came with, so that a retry can be told apart from a reuse of the key for another entry.
 *
 * @param key the client's key, unique per owner
 * @param fingerprint a digest of the entry (the service's choice; the store only compares it)
 */
public record IdempotencyKey(String key, String fingerprint) {}

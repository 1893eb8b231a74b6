package io.addrservice.store;

import java.time.Instant;

/**
 * An idempotency key as stored with the entry its first create made.
 *
 * @param owner the book the key belongs to
 * @param key the client's key
 * @param fingerprint the fingerprint of the entry it came with
 * @param entryId the id that the create gave
 * @param createdAt when it was stored; it is forgotten {@link Retention#IDEMPOTENCY_KEYS} later
 */
record StoredKey(String owner, String key, String fingerprint, String entryId, Instant createdAt) {}

package io.addrservice.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An entry as stored: its id, the version that every write changes, and its content.
 *
 * <p>Registered for reflection because stores may write or bind it with Jackson outside any JAX-RS
 * signature, where Quarkus cannot see it; a native executable reflects only on registered classes.
 */
@RegisterForReflection
public record VersionedEntry(String id, long version, AddressEntry entry) {}

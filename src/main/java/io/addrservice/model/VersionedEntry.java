package io.addrservice.model;

/**
 * An entry as stored: its id, the version that every write changes, and its content.
 *
 * <p>No JSON mapper reads or writes it (the file store has its own document type, the database its
 * columns), so it needs no registration for reflection in a native executable.
 *
 * @param id the entry's id, 32 lowercase hex digits
 * @param version 1 when created, one more on every write
 * @param entry the content
 */
public record VersionedEntry(String id, long version, AddressEntry entry) {}

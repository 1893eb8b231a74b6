package io.addrservice.model;

import java.util.Set;

/**
 * The versions a conditional write accepts: any version (an unconditional write), or one of a set
 * of versions (possibly none, which no entry matches).
 *
 * @param unconditional whether every version matches
 * @param versions the accepted versions when {@code unconditional} is false
 */
public record VersionMatch(boolean unconditional, Set<Long> versions) {
  private static final VersionMatch ANY = new VersionMatch(true, Set.of());

  /** Copies the set so the condition cannot change. */
  public VersionMatch {
    versions = Set.copyOf(versions);
  }

  /** Matches every version: the write is unconditional. */
  public static VersionMatch any() {
    return ANY;
  }

  /** Matches exactly the given versions. */
  public static VersionMatch oneOf(Set<Long> versions) {
    return new VersionMatch(false, versions);
  }

  /** Whether an entry at {@code version} may be written. */
  public boolean matches(long version) {
    return unconditional || versions.contains(version);
  }
}

package io.addrservice.api.http;

import io.addrservice.model.VersionMatch;
import jakarta.ws.rs.core.EntityTag;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Entity tags (RFC 9110 §8.8.3) for entry versions: the version in quotes, a strong validator. */
public final class EntityTags {
  private EntityTags() {}

  /** The ETag of an entry at {@code version}. */
  public static EntityTag of(long version) {
    return new EntityTag(Long.toString(version));
  }

  /**
   * The versions an {@code If-Match} header accepts: any when it is absent or {@code *}, else the
   * versions of its strong tags. Weak tags never match (If-Match uses strong comparison), and
   * neither do tags that no version of ours could have.
   *
   * @param values the header's values as received (it may be repeated, each a list)
   */
  public static VersionMatch ifMatch(List<String> values) {
    if (values == null || values.isEmpty()) {
      return VersionMatch.any();
    }
    Set<Long> versions = new HashSet<>();
    for (String value : values) {
      for (String tag : value.split(",")) {
        String trimmed = tag.trim();
        if (trimmed.equals("*")) {
          return VersionMatch.any();
        }
        Long version = strongVersion(trimmed);
        if (version != null) {
          versions.add(version);
        }
      }
    }
    return VersionMatch.oneOf(versions);
  }

  /**
   * Whether an {@code If-None-Match} header names the entry at {@code version}: {@code *}, or any
   * of its tags by weak comparison ({@code W/"3"} and {@code "3"} both name version 3).
   */
  public static boolean noneMatchNames(List<String> values, long version) {
    if (values == null) {
      return false;
    }
    for (String value : values) {
      for (String tag : value.split(",")) {
        String trimmed = tag.trim();
        if (trimmed.startsWith("W/")) {
          trimmed = trimmed.substring(2);
        }
        if (trimmed.equals("*") || Long.valueOf(version).equals(strongVersion(trimmed))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Long strongVersion(String tag) {
    if (tag.length() < 3 || tag.length() > 20 || tag.charAt(0) != '"' || !tag.endsWith("\"")) {
      return null;
    }
    String digits = tag.substring(1, tag.length() - 1);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.valueOf(digits);
  }
}

package io.addrservice.api.http;

import io.addrservice.model.VersionMatch;
import io.addrservice.service.InvalidRequestException;
import io.addrservice.service.Violation;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.ArrayList;
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
    List<String> tags = tags(HttpHeaders.IF_MATCH, values);
    if (tags.contains("*")) {
      return VersionMatch.any();
    }
    Set<Long> versions = new HashSet<>();
    for (String tag : tags) {
      Long version = strongVersion(tag);
      if (version != null) {
        versions.add(version);
      }
    }
    return VersionMatch.oneOf(versions);
  }

  /**
   * Whether an {@code If-None-Match} header names the entry at {@code version}: {@code *}, or any
   * of its tags by weak comparison ({@code W/"3"} and {@code "3"} both name version 3).
   */
  public static boolean noneMatchNames(List<String> values, long version) {
    if (values == null || values.isEmpty()) {
      return false;
    }
    for (String tag : tags(HttpHeaders.IF_NONE_MATCH, values)) {
      String strong = tag.startsWith("W/") ? tag.substring(2) : tag;
      if (strong.equals("*") || Long.valueOf(version).equals(strongVersion(strong))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The elements of a present If-Match or If-None-Match header (RFC 9110 §13.1.1-2): {@code *}
   * alone, or a comma-separated list of entity tags, {@code [W/]"etagc*"}. Anything else, an empty
   * header included, is refused rather than read as absent: an unconditional write is exactly the
   * lost update that the condition exists to prevent.
   *
   * @throws InvalidRequestException naming the header when it is malformed
   */
  public static List<String> tags(String header, List<String> values) {
    List<String> tags = new ArrayList<>();
    for (String value : values) {
      for (String element : value.split(",", -1)) {
        String tag = element.strip();
        if (!tag.isEmpty()) {
          tags.add(tag);
        }
      }
    }
    boolean star = tags.size() == 1 && tags.get(0).equals("*");
    if (tags.isEmpty() || (!star && !tags.stream().allMatch(EntityTags::isEntityTag))) {
      throw new InvalidRequestException(
          INVALID_HEADER,
          List.of(new Violation(header, "must be * or a list of entity tags such as \"3\"")));
    }
    return tags;
  }

  /** The message of a request with a malformed conditional header. */
  public static final String INVALID_HEADER = "Invalid request header";

  private static boolean isEntityTag(String tag) {
    String opaque = tag.startsWith("W/") ? tag.substring(2) : tag;
    if (opaque.length() < 2
        || opaque.charAt(0) != '"'
        || opaque.charAt(opaque.length() - 1) != '"') {
      return false;
    }
    for (int i = 1; i < opaque.length() - 1; i++) {
      char c = opaque.charAt(i);
      // etagc: %x21 / %x23-7E / obs-text (which a Java string holds as U+0080 to U+00FF).
      if (!(c == 0x21 || (c >= 0x23 && c <= 0x7e) || (c >= 0x80 && c <= 0xff))) {
        return false;
      }
    }
    return true;
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

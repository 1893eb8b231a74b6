package io.addrservice.api.body;

import java.util.Locale;
import java.util.regex.Pattern;

/** A card's UID and the entry id it names: {@code urn:uuid:} and the id written as a UUID. */
final class CardUids {
  private static final String PREFIX = "urn:uuid:";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private CardUids() {}

  /** The UID of the entry with this id: {@code urn:uuid:} and the id with the UUID's dashes. */
  static String uid(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not an entry id: " + id);
    }
    return PREFIX
        + id.substring(0, 8)
        + '-'
        + id.substring(8, 12)
        + '-'
        + id.substring(12, 16)
        + '-'
        + id.substring(16, 20)
        + '-'
        + id.substring(20);
  }

  /**
   * The entry id a UID names, or null when it is not a {@code urn:uuid:} (a UUID in either case,
   * the prefix in any case, as RFC 4122 and RFC 8141 allow).
   */
  static String id(String uid) {
    if (uid == null) {
      return null;
    }
    String lower = uid.trim().toLowerCase(Locale.ROOT);
    if (!lower.startsWith(PREFIX)) {
      return null;
    }
    String uuid = lower.substring(PREFIX.length());
    return UUID.matcher(uuid).matches() ? uuid.replace("-", "") : null;
  }
}

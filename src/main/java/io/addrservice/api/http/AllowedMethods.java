package io.addrservice.api.http;

import io.addrservice.model.EntryIds;
import java.util.regex.Pattern;

/**
 * The methods each path of the API answers, for {@code Allow} on 405 and OPTIONS (Quarkus REST
 * names none on its 405, and lists every method of the class on OPTIONS).
 */
public final class AllowedMethods {
  public static final String COLLECTION = "GET, HEAD, POST, OPTIONS";
  public static final String ENTRY = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS";

  public static final String EXPORT = "GET, HEAD, OPTIONS";
  public static final String CHANGES = "GET, HEAD, OPTIONS";
  public static final String IMPORT = "POST, OPTIONS";
  public static final String DUPLICATES = "GET, HEAD, OPTIONS";
  public static final String MERGE = "POST, OPTIONS";

  private static final Pattern EXPORT_PATH = Pattern.compile("/addresses/export/?");
  private static final Pattern CHANGES_PATH = Pattern.compile("/addresses/changes/?");
  private static final Pattern IMPORT_PATH = Pattern.compile("/addresses/import/?");
  private static final Pattern DUPLICATES_PATH = Pattern.compile("/addresses/duplicates/?");
  private static final Pattern MERGE_PATH =
      Pattern.compile("/addresses/" + EntryIds.PATH_REGEX + "/merge/?");
  private static final Pattern COLLECTION_PATH = Pattern.compile("/addresses/?");
  private static final Pattern ENTRY_PATH =
      Pattern.compile("/addresses/" + EntryIds.PATH_REGEX + "/?");

  private AllowedMethods() {}

  /** The value of {@code Allow} for a request path, or null for a path the API does not have. */
  public static String forPath(String path) {
    if (COLLECTION_PATH.matcher(path).matches()) {
      return COLLECTION;
    }
    // Fixed names under /addresses/ are never ids.
    if (EXPORT_PATH.matcher(path).matches()) {
      return EXPORT;
    }
    if (CHANGES_PATH.matcher(path).matches()) {
      return CHANGES;
    }
    if (IMPORT_PATH.matcher(path).matches()) {
      return IMPORT;
    }
    if (DUPLICATES_PATH.matcher(path).matches()) {
      return DUPLICATES;
    }
    if (MERGE_PATH.matcher(path).matches()) {
      return MERGE;
    }
    return ENTRY_PATH.matcher(path).matches() ? ENTRY : null;
  }
}

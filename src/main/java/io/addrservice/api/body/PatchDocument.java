package io.addrservice.api.body;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON Merge Patch document (RFC 7396, {@code application/merge-patch+json}) read from a request
 * body by the rules of every JSON body (UTF-8, no repeated keys, size limit); any JSON value.
 *
 * @param json the patch
 */
public record PatchDocument(JsonNode json) {
  /** The media type of a JSON Merge Patch. */
  public static final String MEDIA_TYPE = "application/merge-patch+json";
}

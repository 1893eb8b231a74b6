package io.addrservice.api.body;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /addresses/{id}/merge}, read by the rules of every JSON body (media type,
 * UTF-8, no repeated keys, size limit): one JSON object, whose rules the service checks.
 *
 * @param json the body
 */
public record MergeRequest(JsonNode json) {}

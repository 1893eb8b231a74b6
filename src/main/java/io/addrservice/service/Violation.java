package io.addrservice.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One broken rule in a request.
 *
 * @param path where: a JSON path into the body ({@code $.addresses[0].kind}) or a query parameter's
 *     name
 * @param message what is wrong, in words
 */
@RegisterForReflection
public record Violation(
    @Schema(required = true, examples = "$.addresses[0].kind") String path,
    @Schema(required = true, examples = "must be one of [home, work]") String message) {}

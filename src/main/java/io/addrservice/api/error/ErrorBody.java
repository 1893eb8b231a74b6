package io.addrservice.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.addrservice.service.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every 4xx and 5xx response.
 *
 * @param method the request's method
 * @param uri the request's path and query
 * @param code the HTTP status code
 * @param message a short message, also the status line's reason phrase
 * @param errors every violation, for validation failures only
 * @param trace the server-side stack trace, only when {@code addrservice.debug} is true
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ErrorBody", description = "The body of every 4xx and 5xx response")
public record ErrorBody(
    @Schema(required = true, examples = "PUT") String method,
    @Schema(required = true, examples = "/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6") String uri,
    @Schema(required = true, examples = "400") int code,
    @Schema(required = true, examples = "JSON Schema validation failed") String message,
    @Schema(description = "Every violation, each with a JSON path; validation failures only")
        List<Violation> errors,
    @Schema(description = "Server-side stack trace; only when addrservice.debug is true")
        String trace) {}

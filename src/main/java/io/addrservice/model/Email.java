package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An e-mail address. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.False.class, description = "An e-mail address")
public record Email(
    @Schema(required = true) @JsonProperty("kind") Kind kind,
    @Schema(
            required = true,
            format = "email",
            description =
                "The JSON Schema email format: a dotted domain must end in a known top-level"
                    + " domain; a single-label domain (a@localhost) or an address literal in"
                    + " brackets (a@[192.0.2.1]) is accepted too")
        @JsonProperty("email")
        String email) {}

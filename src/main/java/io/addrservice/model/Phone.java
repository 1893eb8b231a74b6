package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A phone or fax number. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.False.class, description = "A phone or fax number")
public record Phone(
    @Schema(required = true) @JsonProperty("kind") Kind kind,
    @Schema(required = true) @JsonProperty("country_code") BigDecimal countryCode,
    @JsonProperty("area_code") BigDecimal areaCode,
    @Schema(required = true) @JsonProperty("local_number") BigDecimal localNumber) {}

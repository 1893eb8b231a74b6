package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A phone or fax number. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.False.class, description = "A phone or fax number")
public record Phone(
    @NotNull(message = "is required") @JsonProperty("kind") Kind kind,
    @NotNull(message = "is required") @JsonProperty("country_code") BigDecimal countryCode,
    @JsonProperty("area_code") BigDecimal areaCode,
    @NotNull(message = "is required") @JsonProperty("local_number") BigDecimal localNumber) {}

package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A postal address. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.False.class, description = "A postal address")
public record Address(
    @Schema(required = true) @JsonProperty("kind") Kind kind,
    @JsonProperty("building_name") String buildingName,
    @JsonProperty("unit_number") BigDecimal unitNumber,
    @JsonProperty("street_number") NumberOrString streetNumber,
    @Schema(required = true, pattern = Rules.NOT_BLANK) @JsonProperty("street_name")
        String streetName,
    @JsonProperty("locality") String locality,
    @JsonProperty("city") String city,
    @JsonProperty("province") String province,
    @Schema(required = true) @JsonProperty("pincode") NumberOrString pincode,
    @Schema(required = true, pattern = Rules.NOT_BLANK) @JsonProperty("country") String country) {}

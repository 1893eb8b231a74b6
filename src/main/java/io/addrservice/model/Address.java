package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A postal address. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(additionalProperties = Schema.False.class, description = "A postal address")
public record Address(
    @NotNull(message = "is required") @JsonProperty("kind") Kind kind,
    @JsonProperty("building_name") String buildingName,
    @JsonProperty("unit_number") BigDecimal unitNumber,
    @JsonProperty("street_number") NumberOrString streetNumber,
    @NotBlank(message = "must not be blank") @JsonProperty("street_name") String streetName,
    @JsonProperty("locality") String locality,
    @JsonProperty("city") String city,
    @JsonProperty("province") String province,
    @NotNull(message = "is required") @JsonProperty("pincode") NumberOrString pincode,
    @NotBlank(message = "must not be blank") @JsonProperty("country") String country) {}

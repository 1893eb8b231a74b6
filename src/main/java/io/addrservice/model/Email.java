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
            format = "idn-email",
            description =
                "An e-mail address in the syntax of RFC 5321/5322 with internationalised local"
                    + " parts and domains (RFC 6531, IDNA): a dot-atom or quoted local part of up"
                    + " to 64 octets, then a domain of LDH or Unicode labels, or an address literal"
                    + " ([192.0.2.1], [IPv6:2001:db8::1]). The domain is judged by its syntax only:"
                    + " any top-level domain is accepted (.example, .test, .internal, IDN TLDs)")
        @JsonProperty("email")
        String email) {}

package io.addrservice.api.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Completes the generated OpenAPI document where annotations cannot say it: a {@code
 * NumberOrString} is a JSON number or a JSON string (the scanner would describe the Java wrapper's
 * fields).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiSchemas implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    openApi
        .getComponents()
        .addSchema(
            "NumberOrString",
            OASFactory.createSchema()
                .description("A JSON number or a JSON string, kept as sent")
                .oneOf(
                    List.of(
                        OASFactory.createSchema().addType(Schema.SchemaType.NUMBER),
                        OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
  }
}

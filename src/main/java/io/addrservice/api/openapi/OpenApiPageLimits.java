package io.addrservice.api.openapi;

import io.addrservice.config.AddrServiceConfig;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.config.SmallRyeConfig;
import java.math.BigDecimal;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Writes the configured page sizes into the {@code limit} parameter of the OpenAPI document at
 * start-up, so that the document states the bounds this instance enforces ({@code
 * addrservice.page.max-size} and {@code default-size} may be set at run time) rather than the
 * defaults it was built with.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OpenApiPageLimits implements OASFilter {
  /** The query parameter that sets the page size. */
  public static final String LIMIT = "limit";

  private final AddrServiceConfig.Page page;

  /** The filter Quarkus runs, reading the running instance's configuration. */
  public OpenApiPageLimits() {
    this(
        ConfigProvider.getConfig()
            .unwrap(SmallRyeConfig.class)
            .getConfigMapping(AddrServiceConfig.class)
            .page());
  }

  OpenApiPageLimits(AddrServiceConfig.Page page) {
    this.page = page;
  }

  @Override
  public Parameter filterParameter(Parameter parameter) {
    if (LIMIT.equals(parameter.getName()) && parameter.getIn() == Parameter.In.QUERY) {
      parameter.getSchema().setMaximum(BigDecimal.valueOf(page.maxSize()));
      parameter.getSchema().setDefaultValue(page.defaultSize());
      parameter.setDescription(
          "Entries per page: 1 to "
              + page.maxSize()
              + " (addrservice.page.max-size), "
              + page.defaultSize()
              + " when absent (addrservice.page.default-size)");
    }
    return parameter;
  }
}

package io.addrservice.api.body;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.addrservice.model.JsonMapping;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives the application's ObjectMapper the entry mapping rules of {@link JsonMapping}. */
@Singleton
public class JacksonConfig implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    JsonMapping.configure(mapper);
  }
}

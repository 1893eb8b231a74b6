package io.addrservice.model;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Whether an address, phone number or e-mail is a home or a work one.
 *
 * <p>Registered for reflection like the records that hold it: Jackson finds its {@link JsonValue}
 * method reflectively, also when an entry is bound from a tree rather than a JAX-RS parameter.
 */
@RegisterForReflection
public enum Kind {
  HOME("home"),
  WORK("work");

  private final String json;

  Kind(String json) {
    this.json = json;
  }

  /** The lower-case name used in JSON. */
  @JsonValue
  public String json() {
    return json;
  }
}

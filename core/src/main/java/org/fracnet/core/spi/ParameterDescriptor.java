package org.fracnet.core.spi;

import java.util.Objects;

/**
 * One parameter a provider accepts.
 *
 * @param name lower-kebab-case key, as given on the command line ({@code --loss-param name=value})
 * @param description one line, including the accepted range
 * @param defaultValue the value used when the parameter is absent, as text ({@code ""} if none)
 */
public record ParameterDescriptor(String name, String description, String defaultValue) {
  public ParameterDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(defaultValue, "defaultValue");
  }
}

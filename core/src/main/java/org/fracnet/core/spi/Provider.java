package org.fracnet.core.spi;

import java.util.List;

/**
 * What every discoverable provider has in common.
 *
 * <p>Contract: a public no-argument constructor with no side effects; {@link #id()} is a stable
 * lower-kebab-case name ({@code [a-z0-9]+(-[a-z0-9]+)*}) unique among providers of one kind;
 * implementations are immutable and thread-safe.
 */
public interface Provider {
  /** The stable id users select this provider by, e.g. {@code cross-entropy}. */
  String id();

  /** One line saying what this provider is for. */
  String description();

  /** The parameters {@code create} accepts; an empty list when it takes none. */
  default List<ParameterDescriptor> parameters() {
    return List.of();
  }
}

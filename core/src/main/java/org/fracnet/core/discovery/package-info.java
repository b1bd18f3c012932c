/**
 * Finding providers through {@link java.util.ServiceLoader} once, at the composition root, and
 * looking them up by id. No dependency-injection framework is involved: the CLI binds the
 * registries into Guice itself.
 */
package org.fracnet.core.discovery;

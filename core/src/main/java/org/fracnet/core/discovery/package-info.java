/**
 * Finding providers through {@link java.util.ServiceLoader} once, at the composition root, and
 * binding them by id with Guice.
 */
package org.fracnet.core.discovery;

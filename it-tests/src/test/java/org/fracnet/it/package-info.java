/**
 * End-to-end tests that run the shaded CLI jar in a separate JVM, as a user would, on the bundled
 * demo data and, when {@code ../shared/data} is present, on real label-distribution data sets.
 */
package org.fracnet.it;

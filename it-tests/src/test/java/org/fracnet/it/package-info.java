/**
 * End-to-end tests that run the shaded CLI jar in a separate JVM, as a user would, on the bundled
 * demo data and, when {@code ../shared/data} is present, on real label-distribution data sets;
 * and fresh Maven projects of a user (the plugin guide's, the library example's) built offline
 * against this build's artifacts ({@code ConsumerProject}).
 */
package org.fracnet.it;

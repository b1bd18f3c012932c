/**
 * The benchmark of fracnet against PyTorch on a synthetic fraction task ({@link BenchMain}); run by
 * the {@code bench} Maven profile of this module, never by the default build (these classes are
 * compiled with the tests so they keep compiling, but no test runner picks them up).
 */
package org.fracnet.bench;

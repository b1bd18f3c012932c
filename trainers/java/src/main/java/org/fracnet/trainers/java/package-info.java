/**
 * The {@code java} trainer: mini-batch and full-batch training in plain Java and double
 * precision, with no native code ({@link org.fracnet.trainers.java.JavaTrainerProvider}), and
 * {@link org.fracnet.trainers.java.DoubleNetwork}, the reference loss and gradient that the native
 * trainer is tested against.
 */
package org.fracnet.trainers.java;

package org.fracnet.core.data;

import java.util.Arrays;

/** An append-only list of doubles without boxing. */
final class GrowableDoubles {
  /** The most values one array can hold. */
  static final int MAX_SIZE = Integer.MAX_VALUE - 8;

  private double[] data;
  private int size;

  GrowableDoubles() {
    this(1024);
  }

  /** A list with room for {@code capacity} values before it grows. */
  GrowableDoubles(int capacity) {
    data = new double[Math.min(Math.max(capacity, 16), MAX_SIZE)];
  }

  void add(double v) {
    if (size == data.length) {
      if (size == MAX_SIZE) {
        throw new IllegalStateException("a list of doubles holds at most " + MAX_SIZE + " values");
      }
      data = Arrays.copyOf(data, (int) Math.min(2L * data.length, MAX_SIZE));
    }
    data[size++] = v;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** A copy of the values added so far. */
  double[] toArray() {
    return Arrays.copyOf(data, size);
  }
}

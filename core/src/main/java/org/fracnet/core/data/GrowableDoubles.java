package org.fracnet.core.data;

import java.util.Arrays;

/** An append-only list of doubles without boxing. */
final class GrowableDoubles {
  private double[] data;
  private int size;

  GrowableDoubles() {
    this(1024);
  }

  /** A list with room for {@code capacity} values before it grows. */
  GrowableDoubles(int capacity) {
    data = new double[Math.max(capacity, 16)];
  }

  void add(double v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
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

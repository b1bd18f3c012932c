package org.fracnet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** A small learnable data set for command tests: 4 features, 3 classes from a softmax of a linear map plus noise. */
final class GeneratedCsv {
  private GeneratedCsv() {}

  /** Writes {@code rows} rows (header f1..f4,y1..y3) to {@code file} and returns it. */
  static Path write(Path file, int rows) throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    StringBuilder csv = new StringBuilder("f1,f2,f3,f4,y1,y2,y3\n");
    for (int i = 0; i < rows; i++) {
      double[] x = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
      double[] z = {x[0] + 0.5 * x[1], x[2] - x[0], 0.3 * x[3]};
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        z[k] = Math.exp(z[k] + 0.1 * r.nextGaussian());
        sum += z[k];
      }
      for (double v : x) {
        csv.append(v).append(',');
      }
      csv.append(z[0] / sum).append(',').append(z[1] / sum).append(',').append(z[2] / sum).append('\n');
    }
    Files.writeString(file, csv.toString());
    return file;
  }
}

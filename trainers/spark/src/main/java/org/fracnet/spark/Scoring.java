package org.fracnet.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.fracnet.core.DataException;
import org.fracnet.core.model.Model;

/**
 * Scores one partition: its rows' features (bound by name on the driver) through the model's
 * pure-Java forward pass ({@link Model#predict(int, double[])}, what {@code fracnet predict} runs),
 * a chunk of rows at a time, each row given its columns followed by one fraction per class. The
 * model file arrives broadcast once; each executor JVM loads it once.
 */
final class Scoring {
  /** Rows predicted at a time. */
  static final int CHUNK = 4096;

  private static final Map<Long, Model> MODELS = new ConcurrentHashMap<>();

  private Scoring() {}

  /** The model in {@code file}, loaded once per JVM and broadcast. */
  static Model model(Broadcast<byte[]> file) {
    return MODELS.computeIfAbsent(file.id(), id -> load(file.value()));
  }

  private static Model load(byte[] bytes) {
    try {
      Path tmp = Files.createTempFile("fracnet-model-", ".zip");
      try {
        Files.write(tmp, bytes);
        return NetworkRecipe.Plugins.fracnet().load(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the broadcast model cannot be written to a temporary file", e);
    }
  }

  /**
   * The rows of {@code it} with one predicted fraction per class appended.
   *
   * @param positions each model feature's position among the row's fields
   * @param names the row's field names, for messages
   */
  static Iterator<Row> score(Broadcast<byte[]> file, int[] positions, List<String> names, String source, int partition,
      Iterator<Row> it) {
    Model model = model(file);
    int d = positions.length;
    int k = model.classNames().size();
    List<Row> out = new ArrayList<>();
    List<Row> chunk = new ArrayList<>(CHUNK);
    double[] x = new double[CHUNK * d];
    int[] seen = {0};
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        if (next < out.size()) {
          return true;
        }
        out.clear();
        next = 0;
        chunk.clear();
        while (chunk.size() < CHUNK && it.hasNext()) {
          Row row = it.next();
          int r = chunk.size();
          for (int j = 0; j < d; j++) {
            Object v = row.get(positions[j]);
            String column = names.get(positions[j]);
            double value = v == null ? Double.NaN : SparkTable.number(v, source, partition, seen[0], column);
            if (!Double.isFinite(value)) {
              throw new DataException(source + ", partition " + partition + " row " + (seen[0] + 1) + " " + row
                  + ", column " + column + ": " + (v == null ? "null" : value) + " is not finite; values must be"
                  + " finite numbers (fix the value; a model cannot predict from a missing one)");
            }
            x[r * d + j] = value;
          }
          chunk.add(row);
          seen[0]++;
        }
        if (chunk.isEmpty()) {
          return false;
        }
        double[] q = model.predict(chunk.size(), x);
        for (int r = 0; r < chunk.size(); r++) {
          Row row = chunk.get(r);
          Object[] values = new Object[row.size() + k];
          for (int c = 0; c < row.size(); c++) {
            values[c] = row.get(c);
          }
          for (int j = 0; j < k; j++) {
            values[row.size() + j] = q[r * k + j];
          }
          out.add(RowFactory.create(values));
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return out.get(next++);
      }
    };
  }
}

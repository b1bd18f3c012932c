package org.fracnet.core.model;

import java.util.List;
import org.fracnet.core.DataException;
import org.fracnet.core.data.Dataset;

/** Binds a labelled data set's columns to a model's by name. */
final class FeatureBinding {
  private FeatureBinding() {}

  /**
   * {@code data} with its features in the order of {@code features}.
   *
   * @throws DataException naming a missing feature column, or classes that differ
   */
  static Dataset bind(Dataset data, List<String> features, List<String> classes) {
    if (!data.classNames().equals(classes)) {
      throw new DataException(data.source() + " has the classes " + data.classNames() + " but the model predicts "
          + classes + "; give the model's class columns, in its order");
    }
    if (data.featureNames().equals(features)) {
      return data;
    }
    int d = features.size();
    int have = data.featureCount();
    int[] from = new int[d];
    for (int j = 0; j < d; j++) {
      from[j] = data.featureNames().indexOf(features.get(j));
      if (from[j] < 0) {
        throw new DataException(data.source() + " has no feature column '" + features.get(j)
            + "', which the model needs; its columns are " + data.featureNames());
      }
    }
    double[] x = data.features();
    double[] out = new double[data.rows() * d];
    for (int i = 0; i < data.rows(); i++) {
      for (int j = 0; j < d; j++) {
        out[i * d + j] = x[i * have + from[j]];
      }
    }
    return new Dataset(data.source(), out, data.targets(), data.weights(), data.weightsAreCounts(), features,
        data.classNames(), data.idColumn(), ids(data));
  }

  private static String[] ids(Dataset data) {
    if (data.idColumn() == null) {
      return null;
    }
    String[] ids = new String[data.rows()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = data.id(i);
    }
    return ids;
  }
}

package org.fracnet.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TrainingSummary;

/**
 * Everything needed to predict fractions from raw features: the network and its weights, the
 * feature standardisation, the loss (whose link maps raw outputs to fractions), the names of
 * features, classes and the id column, and how the model was trained.
 *
 * @param network the layers
 * @param weights per layer W (outputs x inputs, row-major) then b
 * @param standardization applied to raw features before the network
 * @param featureNames d names, in the order the network expects
 * @param classNames k names
 * @param idColumn the id column of the training data, or {@code null}
 * @param lossId the loss's provider id
 * @param lossParameters the loss's resolved parameters, which recreate it exactly
 * @param training how the model was trained (options, optimizer, data), for the record
 * @param summary what training did
 */
public record FittedModel(NetworkSpec network, List<float[]> weights,
    Standardization standardization, List<String> featureNames, List<String> classNames,
    String idColumn, String lossId, Parameters lossParameters, Map<String, Object> training,
    TrainingSummary summary) {
  /** The model file format written by this version. */
  public static final int FORMAT_VERSION = 1;

  public FittedModel {
    Objects.requireNonNull(network, "network");
    weights = List.copyOf(weights);
    featureNames = List.copyOf(featureNames);
    classNames = List.copyOf(classNames);
    training = Map.copyOf(training);
    if (weights.size() != 2 * network.layers().size()) {
      throw new IllegalArgumentException("expected " + 2 * network.layers().size()
          + " weight arrays for " + network.layers().size() + " layers, got " + weights.size());
    }
    for (int l = 0; l < network.layers().size(); l++) {
      DenseLayerSpec layer = network.layers().get(l);
      if (weights.get(2 * l).length != layer.inputs() * layer.outputs()
          || weights.get(2 * l + 1).length != layer.outputs()) {
        throw new IllegalArgumentException("weights of layer " + l + " do not match "
            + layer.outputs() + " x " + layer.inputs());
      }
    }
    if (featureNames.size() != network.inputs()) {
      throw new IllegalArgumentException(featureNames.size() + " feature names for a network of "
          + network.inputs() + " inputs");
    }
  }

  /**
   * The raw network outputs for {@code n} rows of raw (unstandardised) features {@code x} (n x
   * d): a new n x m array, computed in double precision in plain Java.
   */
  public double[] rawOutputs(int n, double[] x) {
    int d = featureNames.size();
    if (x.length < n * d) {
      throw new IllegalArgumentException("x has " + x.length + " values for " + n + " rows of " + d);
    }
    double[] mean = standardization.mean();
    double[] scale = standardization.scale();
    int widest = d;
    for (DenseLayerSpec layer : network.layers()) {
      widest = Math.max(widest, layer.outputs());
    }
    double[] in = new double[widest];
    double[] out = new double[widest];
    int m = network.outputs();
    double[] z = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        in[j] = (x[i * d + j] - mean[j]) / scale[j];
      }
      for (int l = 0; l < network.layers().size(); l++) {
        DenseLayerSpec layer = network.layers().get(l);
        float[] w = weights.get(2 * l);
        float[] b = weights.get(2 * l + 1);
        int inputs = layer.inputs();
        Activation act = layer.activation();
        for (int o = 0; o < layer.outputs(); o++) {
          double s = b[o];
          int row = o * inputs;
          for (int c = 0; c < inputs; c++) {
            s += w[row + c] * in[c];
          }
          out[o] = act.apply(s);
        }
        double[] t = in;
        in = out;
        out = t;
      }
      System.arraycopy(in, 0, z, i * m, m);
    }
    return z;
  }

  /**
   * Predicted fractions (n x k) for raw features {@code x}, using {@code loss} (recreated from
   * {@link #lossId()} and {@link #lossParameters()}) as the link.
   */
  public double[] predict(int n, double[] x, LossFunction loss) {
    if (!loss.id().equals(lossId) || loss.outputs() != network.outputs()) {
      throw new IllegalArgumentException("loss " + loss.id() + " with " + loss.outputs()
          + " outputs does not belong to this model (" + lossId + ", " + network.outputs() + ")");
    }
    double[] z = rawOutputs(n, x);
    double[] q = new double[n * classNames.size()];
    loss.predict(n, z, q);
    return q;
  }
}

package org.fracnet.trainers.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.optim.AdamProvider;
import org.fracnet.core.spi.Activation;
import org.fracnet.core.spi.DenseLayerSpec;
import org.fracnet.core.spi.LossFunction;
import org.fracnet.core.spi.NetworkSpec;
import org.fracnet.core.spi.OptimizerProvider;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.TargetStatistics;
import org.fracnet.core.spi.Trainer;
import org.fracnet.core.spi.TrainingListener;
import org.fracnet.core.spi.TrainingOptions;
import org.fracnet.core.spi.TrainingRequest;
import org.fracnet.core.spi.TrainingResult;
import org.fracnet.losses.crossentropy.CrossEntropyProvider;

/** Networks, requests and predictions for the tests. */
final class Networks {
  private Networks() {}

  /** Dense layers of the given widths; {@code activation} between them, identity at the end. */
  static NetworkSpec spec(Activation activation, int... widths) {
    List<DenseLayerSpec> layers = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      boolean last = l + 2 == widths.length;
      layers.add(new DenseLayerSpec(widths[l], widths[l + 1],
          last ? Activation.IDENTITY : activation));
    }
    return new NetworkSpec(widths.length == 2 ? "linear" : "mlp", layers);
  }

  static Trainer trainer(int threads) {
    return new Nd4jTrainerProvider().create(
        Parameters.of("test", java.util.Map.of("threads", String.valueOf(threads))));
  }

  /** The real soft-target cross-entropy (fracnet-loss-cross-entropy) for {@code classes} classes. */
  static LossFunction crossEntropy(int classes) {
    return new CrossEntropyProvider().create(Parameters.empty(), TargetStatistics.uniform(classes));
  }

  static TrainingResult train(Trainer trainer, Dataset train, Dataset validation,
      NetworkSpec spec, TrainingOptions options, TrainingListener listener) {
    return train(trainer, train, validation, spec, new AdamProvider(), Parameters.empty(), options,
        listener);
  }

  static TrainingResult train(Trainer trainer, Dataset train, Dataset validation,
      NetworkSpec spec, OptimizerProvider optimizer, Parameters optimizerParameters,
      TrainingOptions options, TrainingListener listener) {
    return trainer.train(new TrainingRequest(train, validation, spec,
        Networks.crossEntropy(train.classCount()), optimizer, optimizerParameters, options,
        listener));
  }

  /** Predicted fractions of a trained network on {@code data}, in double precision. */
  static double[] predict(NetworkSpec spec, TrainingResult result, Dataset data) {
    double[] z = DoubleNetwork.forward(spec, DoubleNetwork.flatten(result.weights()),
        data.features(), data.rows());
    double[] q = new double[z.length];
    Networks.crossEntropy(data.classCount()).predict(data.rows(), z, q);
    return q;
  }

  /** The loss of a trained network on {@code data}, in double precision. */
  static double loss(NetworkSpec spec, TrainingResult result, Dataset data) {
    double[] z = DoubleNetwork.forward(spec, DoubleNetwork.flatten(result.weights()),
        data.features(), data.rows());
    return Networks.crossEntropy(data.classCount())
        .value(data.rows(), z, data.targets(), data.weights());
  }
}

package org.fracnet.trainers.java;

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
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.training.TrainingLoop;
import org.fracnet.losses.crossentropy.CrossEntropyProvider;

/**
 * Networks, settings, training runs and predictions for the trainers' tests (shared with the nd4j
 * trainer's tests through this module's test jar). Runs go through core's one training loop.
 */
public final class Networks {
  private Networks() {}

  /** Dense layers of the given widths; {@code activation} between them, identity at the end. */
  public static NetworkSpec spec(Activation activation, int... widths) {
    List<DenseLayerSpec> layers = new ArrayList<>();
    for (int l = 0; l + 1 < widths.length; l++) {
      boolean last = l + 2 == widths.length;
      layers.add(new DenseLayerSpec(widths[l], widths[l + 1], last ? Activation.IDENTITY : activation));
    }
    return new NetworkSpec(widths.length == 2 ? "linear" : "mlp", layers);
  }

  /** The java trainer with {@code threads} threads. */
  public static Trainer trainer(int threads) {
    return new JavaTrainerProvider().create(
        Parameters.of("test", java.util.Map.of("threads", String.valueOf(threads))));
  }

  /** Settings: epochs, batch size, learning rate, seed and patience. */
  public static TrainingConfig options(int epochs, int batchSize, double learningRate, long seed, int patience) {
    return TrainingConfig.builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).seed(seed)
        .patience(patience).build();
  }

  /** The real soft-target cross-entropy (fracnet-loss-cross-entropy) for {@code classes} classes. */
  public static LossFunction crossEntropy(int classes) {
    return new CrossEntropyProvider().create(Parameters.empty(), TargetStatistics.uniform(classes));
  }

  /** Trains with Adam and cross-entropy. */
  public static TrainingLoop.Outcome train(Trainer trainer, Dataset train, Dataset validation,
      NetworkSpec spec, TrainingConfig options, TrainingListener listener) {
    return train(trainer, train, validation, spec, new AdamProvider(), Parameters.empty(), options, listener);
  }

  /** Trains with cross-entropy and the given optimizer. */
  public static TrainingLoop.Outcome train(Trainer trainer, Dataset train, Dataset validation,
      NetworkSpec spec, OptimizerProvider optimizer, Parameters optimizerParameters,
      TrainingConfig options, TrainingListener listener) {
    return TrainingLoop.run(trainer, train, validation, spec, crossEntropy(train.classCount()), optimizer,
        optimizerParameters, options, listener, null);
  }

  /** Raw outputs of flat double parameters on {@code data}'s (standardised) features. */
  public static double[] forward(NetworkSpec spec, double[] parameters, Dataset data) {
    return new org.fracnet.core.spi.ForwardPass(spec, parameters).run(data.features(), data.rows(), null);
  }

  /** Predicted fractions of a trained network on {@code data}, in double precision. */
  public static double[] predict(NetworkSpec spec, TrainingLoop.Outcome result, Dataset data) {
    double[] z = forward(spec, DoubleNetwork.flatten(result.weights()), data);
    double[] q = new double[z.length];
    crossEntropy(data.classCount()).predict(data.rows(), z, q);
    return q;
  }

  /** The loss of a trained network on {@code data}, in double precision. */
  public static double loss(NetworkSpec spec, TrainingLoop.Outcome result, Dataset data) {
    double[] z = forward(spec, DoubleNetwork.flatten(result.weights()), data);
    return crossEntropy(data.classCount()).value(data.rows(), z, data.targets(), data.weights());
  }

  /** The loss and gradient of {@code data} at flat double parameters. */
  public static double lossAndGradient(NetworkSpec spec, double[] parameters, Dataset data, LossFunction loss,
      double[] gradient) {
    return new DoubleNetwork(spec).lossAndGradient(parameters, data.features(), data.targets(), data.weights(),
        data.rows(), loss, gradient);
  }

  /** Records what a run reports. */
  public static final class Recorder implements TrainingListener {
    public int maxEpochs;
    public int batchesPerEpoch;
    public int batches;
    public final List<Double> trainingLosses = new ArrayList<>();
    public final List<Double> validationLosses = new ArrayList<>();
    public org.fracnet.core.training.TrainingSummary finished;

    @Override
    public void started(int maxEpochs, int batchesPerEpoch) {
      this.maxEpochs = maxEpochs;
      this.batchesPerEpoch = batchesPerEpoch;
    }

    @Override
    public void batchDone(int epoch, int batch) {
      batches++;
    }

    @Override
    public void epochDone(int epoch, double trainingLoss, double validationLoss) {
      trainingLosses.add(trainingLoss);
      validationLosses.add(validationLoss);
    }

    @Override
    public void finished(org.fracnet.core.training.TrainingSummary summary) {
      finished = summary;
    }
  }
}

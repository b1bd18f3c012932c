package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.fracnet.core.Fracnet;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What training ({@code ModelFitter}) does to the caller's data: nothing. It standardises its own copy of
 * the training rows in place when rows are held out, and a fresh copy otherwise; the held-out
 * rows it returns keep their raw features (the model standardises at prediction time).
 */
class ModelFitterDataTest {
  @ParameterizedTest(name = "validation {0}")
  @ValueSource(doubles = {0, 0.25})
  void theCallersRowsAreLeftAsTheyWere(double validation) {
    Dataset data = new TeacherData(5, 3, 0, 1).sample(80, 2);
    double[] featuresBefore = data.features().clone();
    double[] targetsBefore = data.targets().clone();

    FitResult result = Fracnet.discover().train(data, TrainingConfig.builder()
        .architecture(Architecture.mlp(4)).trainer("java").epochs(2).batchSize(16).learningRate(0.01)
        .seed(3).patience(5).validationFraction(validation).build());

    assertThat(data.features()).containsExactly(featuresBefore);
    assertThat(data.targets()).containsExactly(targetsBefore);
    if (validation == 0) {
      assertThat(result.validation()).isNull();
    } else {
      Dataset held = result.validation();
      assertThat(held.rows()).isEqualTo(20);
      int d = data.featureCount();
      for (int r = 0; r < held.rows(); r++) { // every held-out row is one of the raw rows
        double[] row = java.util.Arrays.copyOfRange(held.features(), r * d, (r + 1) * d);
        boolean found = false;
        for (int i = 0; i < data.rows() && !found; i++) {
          found = java.util.Arrays.equals(row, java.util.Arrays.copyOfRange(featuresBefore, i * d, (i + 1) * d));
        }
        assertThat(found).as("held-out row %d is a raw row", r).isTrue();
      }
    }
  }
}

package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bundled loss, picked by id on the command line, trains the demo data well past the mean predictor. */
class EveryLossIT {
  private static final Pattern HELD_OUT =
      Pattern.compile("held-out \\(\\d+ rows\\): KL ([0-9.]+) \\(always predicting the training mean: ([0-9.]+)\\)");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"cross-entropy", "mse", "weighted-mse", "dirichlet"})
  void trainsTheDemoDataToAHeldOutKlWellBelowTheMeanPredictors(String loss) throws Exception {
    Cli.Result r = Cli.run(dir, "train", "--loss", loss, "--epochs", "60", "--quiet").expectSuccess();
    Matcher m = HELD_OUT.matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    double model = Double.parseDouble(m.group(1));
    double baseline = Double.parseDouble(m.group(2));
    assertThat(model).as("%s: held-out KL %s vs the mean predictor's %s", loss, model, baseline)
        .isLessThan(0.5 * baseline);
  }
}

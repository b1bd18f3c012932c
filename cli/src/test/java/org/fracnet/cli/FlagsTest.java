package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.fracnet.core.SettingsException;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.Test;

/** Library messages name settings as Java sets them; the CLI shows its flags instead. */
class FlagsTest {
  @Test
  void settingsInTheirJavaFormBecomeFlags() {
    String[][] libraryAndCli = {
        {"epochs(0) is out of range; use 1 or more",
            "--epochs 0 is out of range; use 1 or more"},
        {"ensemble(0) is out of range; use 1 (a single network) to 1000, e.g. 5",
            "--ensemble 0 is out of range; use 1 (a single network) to 1000, e.g. 5"},
        {"resume(true) needs a checkpoint file to continue from; set checkpoint(file)",
            "--resume needs a checkpoint file to continue from; set --checkpoint FILE"},
        {"data.csv line 3, column y2: 1.2 ... (or use InvalidRows.SKIP to drop such rows)",
            "data.csv line 3, column y2: 1.2 ... (or use --on-invalid skip to drop such rows)"},
        {"DatasetSpec.targets 'y*' matches no column",
            "--targets 'y*' matches no column"},
        {"e.g. Architecture.mlp(8) with weightDecay(0.1), or Architecture.linear() with weightDecay(1)",
            "e.g. --hidden 8 with --weight-decay 0.1, or --arch linear with --weight-decay 1"},
        {"parameter dropout=1.5 of architecture mlp is invalid: expected a share from 0 to below 1",
            "--dropout 1.5 is invalid: expected a share from 0 to below 1"},
        {"parameter hidden=128,abc of architecture mlp is invalid: expected widths",
            "--hidden 128,abc is invalid: expected widths"},
        {"Architecture.withDropout(1.0): the share dropped must be from 0 to below 1",
            "--dropout 1.0: the share dropped must be from 0 to below 1"},
        {"add a plugin jar to the classpath or to Fracnet.discover(classLoader)",
            "add a plugin jar to the classpath or to --plugins DIR"},
        {"lower the learning rate, e.g. learningRate(0.0001), or clip gradients with the trainer parameter clip-norm=1",
            "lower the learning rate, e.g. --lr 0.0001, or clip gradients with --clip-norm 1"},
    };
    for (String[] pair : libraryAndCli) {
      assertThat(Flags.translate(pair[0])).as(pair[0]).isEqualTo(pair[1]);
    }
  }

  @Test
  void everythingElseIsLeftAlone() {
    String message = "loss cross-entropy parameter class-weights=x is invalid: expected inverse-mean (see softmax(z))";
    assertThat(Flags.translate(message)).isEqualTo(message);
  }

  @Test
  void theLibrarysOwnMessagesComeOutInFlags() {
    try {
      TrainingConfig.builder().validationFraction(1.5);
    } catch (SettingsException e) {
      assertThat(Flags.translate(e.getMessage())).startsWith("--validation 1.5 is out of range");
      return;
    }
    throw new AssertionError("validationFraction(1.5) was accepted");
  }
}

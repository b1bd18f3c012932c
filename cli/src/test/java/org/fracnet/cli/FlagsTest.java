package org.fracnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.fracnet.core.SettingsException;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.Test;

/** Library messages name settings as Java sets them; the CLI shows its flags instead. */
class FlagsTest {
  @Test
  void settingsInTheirJavaFormBecomeFlags() {
    assertThat(Flags.translate("epochs(0) is out of range; use 1 or more"))
        .isEqualTo("--epochs 0 is out of range; use 1 or more");
    assertThat(Flags.translate("ensemble(0) is out of range; use 1 (a single network) to 1000, e.g. 5"))
        .isEqualTo("--ensemble 0 is out of range; use 1 (a single network) to 1000, e.g. 5");
    assertThat(Flags.translate("resume(true) needs a checkpoint file to continue from; set checkpoint(file)"))
        .isEqualTo("--resume needs a checkpoint file to continue from; set --checkpoint FILE");
    assertThat(Flags.translate("data.csv line 3, column y2: 1.2 ... (or use InvalidRows.SKIP to drop such rows)"))
        .isEqualTo("data.csv line 3, column y2: 1.2 ... (or use --on-invalid skip to drop such rows)");
    assertThat(Flags.translate("DatasetSpec.targets 'y*' matches no column"))
        .isEqualTo("--targets 'y*' matches no column");
    assertThat(Flags.translate("e.g. Architecture.mlp(8) with weightDecay(0.1), or Architecture.linear() with weightDecay(1)"))
        .isEqualTo("e.g. --hidden 8 with --weight-decay 0.1, or --arch linear with --weight-decay 1");
    assertThat(Flags.translate("parameter dropout=1.5 of architecture mlp is invalid: expected a share from 0 to below 1"))
        .isEqualTo("--dropout 1.5 is invalid: expected a share from 0 to below 1");
    assertThat(Flags.translate("parameter hidden=128,abc of architecture mlp is invalid: expected widths"))
        .isEqualTo("--hidden 128,abc is invalid: expected widths");
    assertThat(Flags.translate("Architecture.withDropout(1.0): the share dropped must be from 0 to below 1"))
        .isEqualTo("--dropout 1.0: the share dropped must be from 0 to below 1");
    assertThat(Flags.translate("add a plugin jar to the classpath or to Fracnet.discover(classLoader)"))
        .isEqualTo("add a plugin jar to the classpath or to --plugins DIR");
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

package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.TrainingInterruptedException;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.model.Model;
import org.fracnet.core.training.Architecture;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.StopSignal;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TrainingConfig.ensemble(n)}: member m is the single run with {@code seed + m} (bit for
 * bit where the standardisation is the same), the first member is always that run, and an
 * interrupted ensemble resumes to the unbroken ensemble's weights.
 */
class EnsembleTest {
  private static final Fracnet FRACNET = Fracnet.discover();
  private static final Dataset DATA = new TeacherData(5, 3, 0, 1).sample(120, 2);

  @TempDir
  Path dir;

  private static TrainingConfig.Builder config(double validation) {
    return TrainingConfig.builder().architecture(Architecture.mlp(4)).trainer("java", Map.of("threads", "1"))
        .epochs(6).batchSize(16).learningRate(0.01).seed(3).patience(2).validationFraction(validation);
  }

  private static void assertSameWeights(List<float[]> actual, List<float[]> expected, String what) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("%s, array %d", what, i).containsExactly(expected.get(i));
    }
  }

  @Test
  void withoutValidationEachMemberIsTheSingleRunWithItsSeed() {
    Model ensemble = FRACNET.train(DATA, config(0).ensemble(3).build()).model();
    assertThat(ensemble.members()).hasSize(3);
    for (int m = 0; m < 3; m++) {
      Model single = FRACNET.train(DATA, config(0).seed(3 + m).build()).model();
      assertThat(ensemble.members().get(m).seed()).isEqualTo(3 + m);
      assertSameWeights(ensemble.members().get(m).weights(), single.weights(), "member " + m);
      assertThat(ensemble.members().get(m).summary().epochs()).isEqualTo(single.summary().epochs());
    }
    assertThat(ensemble.summary().stopReason()).isEqualTo("ensemble of 3 members");
    assertThat(ensemble.summary().epochs()).isEqualTo(18);
  }

  @Test
  void theFirstMemberIsTheSingleRunAndItsHeldOutRowsJudgeTheAverage() {
    FitResult fit = FRACNET.train(DATA, config(0.25).ensemble(3).build());
    FitResult single = FRACNET.train(DATA, config(0.25).build());
    Model ensemble = fit.model();
    assertSameWeights(ensemble.members().get(0).weights(), single.model().weights(), "member 0");
    assertThat(ensemble.standardization().mean()).containsExactly(single.model().standardization().mean());
    assertThat(ensemble.standardization().scale()).containsExactly(single.model().standardization().scale());
    assertThat(ensemble.run()).isEqualTo(single.model().run());
    assertThat(fit.validation().features()).containsExactly(single.validation().features());
    assertThat(ensemble.members().get(1).weights().get(0)).isNotEqualTo(ensemble.members().get(0).weights().get(0));
    assertThat(fit.heldOut().model().rows()).isEqualTo(30);
    // out of bag: the other members trained on most of these rows, so they do not judge them
    double averaged = ensemble.evaluate(fit.validation()).model().get(org.fracnet.core.metrics.Metric.KL);
    double outOfBag = fit.heldOut().model().get(org.fracnet.core.metrics.Metric.KL);
    assertThat(outOfBag).isNotEqualTo(averaged).isGreaterThan(averaged);
  }

  @Test
  void anInterruptedEnsembleResumesToTheUnbrokenOnesWeights() {
    Model unbroken = FRACNET.train(DATA, config(0.25).ensemble(3).build()).model();
    Path checkpoint = dir.resolve("model.zip.checkpoint");
    TrainingConfig withCheckpoint = config(0.25).ensemble(3).checkpoint(checkpoint).build();
    StopSignal stop = new StopSignal();
    TrainingListener stopInSecondMember = new TrainingListener() {
      private int member;

      @Override
      public void memberStarted(int m, int members, long seed) {
        member = m;
      }

      @Override
      public void batchDone(int epoch, int batch) {
        if (member == 1 && epoch == 2 && batch == 3) {
          stop.request();
        }
      }
    };
    assertThatThrownBy(() -> FRACNET.train(DATA, withCheckpoint, stopInSecondMember, stop))
        .isInstanceOf(TrainingInterruptedException.class)
        .hasMessage("member 2 of 3 (seed 4): training stopped on request in epoch 2 after batch 3 of 6; the checkpoint "
            + checkpoint + ".member-2 holds the first epoch; member 1 had finished, kept in its checkpoint file beside "
            + checkpoint + "; train again with the same data and settings and resume(true) to continue")
        .extracting(e -> ((TrainingInterruptedException) e).checkpoint()).isEqualTo(checkpoint);
    assertThat(checkpoint).exists();
    assertThat(Path.of(checkpoint + ".member-2")).exists();
    assertThat(Path.of(checkpoint + ".member-3")).doesNotExist();

    FitResult resumed = FRACNET.train(DATA, withCheckpoint.toBuilder().resume(true).build());
    for (int m = 0; m < 3; m++) {
      assertSameWeights(resumed.model().members().get(m).weights(), unbroken.members().get(m).weights(), "member " + m);
    }
    assertThat(resumed.resumedAfterEpoch()).isGreaterThan(1);
    Path model = dir.resolve("model.zip");
    resumed.save(model, checkpoint);
    assertThat(model).exists();
    assertThat(checkpoint).doesNotExist();
    assertThat(Path.of(checkpoint + ".member-2")).doesNotExist();
    assertThat(Path.of(checkpoint + ".member-3")).doesNotExist();
  }

  @Test
  void aFreshRunDeletesAnEarlierRunsMemberCheckpoints() throws Exception {
    Path checkpoint = dir.resolve("model.zip.checkpoint");
    Path stale = Path.of(checkpoint + ".member-3");
    Files.writeString(stale, "an earlier run's");
    StopSignal stop = new StopSignal();
    stop.request(); // stops in the first member: a later resume must not find member 3's old file
    assertThatThrownBy(() -> FRACNET.train(DATA, config(0.25).ensemble(3).checkpoint(checkpoint).build(),
        TrainingListener.NONE, stop)).isInstanceOf(TrainingInterruptedException.class)
        .hasMessageStartingWith("member 1 of 3 (seed 3): training stopped on request before the first epoch; the"
            + " checkpoint " + checkpoint + " holds the starting point; train again");
    assertThat(checkpoint).exists();
    assertThat(stale).doesNotExist();
  }

  @Test
  void membersWithTheirOwnSettingsAreEachTheSingleRunWithThoseSettings() {
    List<TrainingConfig> members = List.of(config(0.25).build(), config(0.25).seed(4).learningRate(0.003).build(),
        config(0.25).seed(5).batchSize(32).optimizer(org.fracnet.core.training.OptimizerSettings.adamw(0.01)).build());
    FitResult fit = FRACNET.trainEnsemble(DATA, members, TrainingListener.NONE, new StopSignal());
    Model ensemble = fit.model();
    assertThat(ensemble.members()).hasSize(3);
    Model first = FRACNET.train(DATA, members.get(0)).model();
    assertSameWeights(ensemble.members().get(0).weights(), first.weights(), "member 0");
    assertThat(ensemble.run()).isEqualTo(first.run());
    // members 1 and 2 hold out other rows, so their standardisation (member 0's) differs from a
    // single run's: compare with the same settings trained as a default ensemble's member would be
    for (int m = 1; m < 3; m++) {
      TrainingConfig c = members.get(m);
      Model same = FRACNET.trainEnsemble(DATA, List.of(members.get(0), c), TrainingListener.NONE, new StopSignal())
          .model();
      assertThat(ensemble.members().get(m).seed()).isEqualTo(c.seed());
      assertSameWeights(ensemble.members().get(m).weights(), same.members().get(1).weights(), "member " + m);
    }
    // the same settings for every member is the ensemble of seeds, bit for bit
    Model seeds = FRACNET.train(DATA, config(0.25).ensemble(2).build()).model();
    Model listed = FRACNET.trainEnsemble(DATA, List.of(config(0.25).build(), config(0.25).seed(4).build()),
        TrainingListener.NONE, new StopSignal()).model();
    for (int m = 0; m < 2; m++) {
      assertSameWeights(listed.members().get(m).weights(), seeds.members().get(m).weights(), "seed member " + m);
    }
    // and member 1's own learning rate did count: the default one's member 1 differs
    assertThat(ensemble.members().get(1).weights().get(0)).isNotEqualTo(seeds.members().get(1).weights().get(0));
    assertThat(fit.heldOut().model().rows()).isEqualTo(30);
  }

  @Test
  void membersMustShareTheNetworkAndTheLoss() {
    assertThatThrownBy(() -> FRACNET.trainEnsemble(DATA, List.of(config(0.25).build(),
        config(0.25).architecture(Architecture.mlp(8)).build()), TrainingListener.NONE, new StopSignal()))
        .isInstanceOf(SettingsException.class)
        .hasMessage("the members of an ensemble share one network and one loss, but members.get(1) has"
            + " mlp{hidden=8} with loss cross-entropy and members.get(0) mlp{hidden=4} with loss cross-entropy");
    assertThatThrownBy(() -> FRACNET.trainEnsemble(DATA, List.of(config(0.25).build(),
        config(0.1).build()), TrainingListener.NONE, new StopSignal()))
        .isInstanceOf(SettingsException.class)
        .hasMessage("the members of an ensemble hold out one validation fraction, but members.get(1) uses 0.1"
            + " and members.get(0) 0.25");
    assertThatThrownBy(() -> FRACNET.trainEnsemble(DATA, List.of(), TrainingListener.NONE, new StopSignal()))
        .isInstanceOf(SettingsException.class).hasMessage("0 members; an ensemble has 1 to 1000");
  }

  @Test
  void aModelTooLargeForItsFileIsRefusedBeforeTraining() {
    // no weights are allocated: the network's size is known from its spec
    assertThatThrownBy(() -> FRACNET.train(DATA, config(0.25).architecture(Architecture.mlp(20_000, 20_000)).build()))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("the network of mlp{hidden=20000,20000} on 5 features would have 400")
        .hasMessageEndingWith("a model file holds; use narrower layers (Architecture.mlp(...))");
    int perNetwork = (5 * 2000 + 2000) + (2000 * 2000 + 2000) + (2000 * 3 + 3);
    assertThatThrownBy(() -> FRACNET.train(DATA, config(0.25).architecture(Architecture.mlp(2000, 2000)).ensemble(100)
        .build())).isInstanceOf(SettingsException.class)
        .hasMessage("the 100 networks of mlp{hidden=2000,2000} on 5 features would have " + 100L * perNetwork
            + " weights, more than the " + Model.MAX_WEIGHTS + " a model file holds; use narrower layers"
            + " (Architecture.mlp(...)) or at most ensemble(" + Model.MAX_WEIGHTS / perNetwork + ")");
  }

  @Test
  void aCheckpointInUseByAnotherRunIsRefusedAndItsFilesAreLeftToThatRun() throws Exception {
    Path checkpoint = dir.resolve("model.zip.checkpoint");
    TrainingConfig c = config(0.25).ensemble(2).checkpoint(checkpoint).build();
    try (org.fracnet.core.training.CheckpointLock other =
        org.fracnet.core.training.CheckpointLock.acquire(checkpoint)) {
      assertThatThrownBy(() -> FRACNET.train(DATA, c)).isInstanceOf(org.fracnet.core.TrainingException.class)
          .hasMessageStartingWith("the checkpoint " + checkpoint + " is in use by another training run");
    }
    assertThat(checkpoint).doesNotExist(); // refused before training: nothing written
    FitResult fit = FRACNET.train(DATA, c);
    assertThat(checkpoint).exists();
    // another run takes the checkpoint before this one saves: saving leaves the files to it
    try (org.fracnet.core.training.CheckpointLock other =
        org.fracnet.core.training.CheckpointLock.acquire(checkpoint)) {
      fit.save(dir.resolve("model.zip"), checkpoint);
      assertThat(checkpoint).exists();
    }
    fit.save(dir.resolve("model.zip"), checkpoint);
    assertThat(checkpoint).doesNotExist();
    assertThat(TrainingConfig.memberCheckpoint(checkpoint, 1)).doesNotExist();
    assertThat(org.fracnet.core.training.CheckpointLock.lockFile(checkpoint)).doesNotExist();
  }

  @Test
  void theNumberOfMembersIsChecked() {
    assertThatThrownBy(() -> TrainingConfig.builder().ensemble(0)).isInstanceOf(SettingsException.class)
        .hasMessage("ensemble(0) is out of range; use 1 (a single network) to 1000, e.g. 5");
    assertThatThrownBy(() -> TrainingConfig.builder().ensemble(1001)).isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("ensemble(1001) is out of range");
    assertThat(TrainingConfig.defaults().ensemble()).isEqualTo(TrainingConfig.DEFAULT_ENSEMBLE).isEqualTo(1);
  }
}

package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fracnet.bench.Cpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./fracnet} launcher, as users run it (the other tests run the shaded
 * jar directly): its choice of OpenBLAS kernels. OpenBLAS names the kernels it loaded on standard
 * error when {@code OPENBLAS_VERBOSE=2}.
 */
class LauncherIT {
  @TempDir
  Path dir;

  @Test
  void choosesOpenBlasHaswellKernelsOnZen4WhenTheVariableIsUnset() throws Exception {
    assumeTrue(Cpu.read().zen4(), "not an AMD Zen 4 CPU, where the launcher sets nothing");
    Cli.Result r = trainThroughLauncher(null).expectSuccess();
    assertThat(r.err()).contains("Core: Haswell");
  }

  @Test
  void leavesAKernelChoiceOfTheUserAlone() throws Exception {
    Cli.Result r = trainThroughLauncher("SkylakeX").expectSuccess();
    assertThat(r.err()).contains("Core: SkylakeX").doesNotContain("Core: Haswell");
  }

  /** One epoch on the demo data through {@code ./fracnet}, with {@code OPENBLAS_CORETYPE} as given. */
  private Cli.Result trainThroughLauncher(String coreType) throws IOException, InterruptedException {
    Path launcher = Path.of("..", "fracnet").toAbsolutePath().normalize();
    assertThat(launcher).as("the launcher at the repository root").isExecutable();
    Map<String, String> environment = new HashMap<>();
    environment.put("OPENBLAS_CORETYPE", coreType); // null: unset
    environment.put("OPENBLAS_VERBOSE", "2");
    Cli.Result r = Cli.runCommand(dir, environment, 5, List.of(launcher.toString(), "train", "--arch", "mlp",
        "--epochs", "1", "--quiet", "--out", dir.resolve("model.zip").toString()));
    assertThat(r.err()).as("the launcher must not rebuild the jar inside the test build")
        .doesNotContain("building the command line");
    return r;
  }
}

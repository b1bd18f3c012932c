package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fracnet.bench.Cpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./fracnet} launcher, as users run it (the other tests run the shaded
 * jar directly): its choice of OpenBLAS kernels. OpenBLAS names the kernels it loaded when
 * {@code OPENBLAS_VERBOSE=2}.
 */
class LauncherIT {
  @TempDir
  Path dir;

  @Test
  void choosesOpenBlasHaswellKernelsOnZen4WhenTheVariableIsUnset() throws Exception {
    assumeTrue(Cpu.read().zen4(), "not an AMD Zen 4 CPU, where the launcher sets nothing");
    Result r = trainThroughLauncher(null);
    assertThat(r.exitCode).as("exit status; output:%n%s", r.output).isZero();
    assertThat(r.output).contains("Core: Haswell");
  }

  @Test
  void leavesAKernelChoiceOfTheUserAlone() throws Exception {
    Result r = trainThroughLauncher("SkylakeX");
    assertThat(r.exitCode).as("exit status; output:%n%s", r.output).isZero();
    assertThat(r.output).contains("Core: SkylakeX").doesNotContain("Core: Haswell");
  }

  private record Result(int exitCode, String output) {}

  /** One epoch on the demo data through {@code ./fracnet}, with stdout and stderr together. */
  private Result trainThroughLauncher(String coreType) throws IOException, InterruptedException {
    Path launcher = Path.of("..", "fracnet").toAbsolutePath().normalize();
    assertThat(launcher).as("the launcher at the repository root").isExecutable();
    List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "train", "--arch", "mlp", "--epochs", "1",
        "--quiet", "--out", dir.resolve("model.zip").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("OPENBLAS_CORETYPE");
    if (coreType != null) {
      env.put("OPENBLAS_CORETYPE", coreType);
    }
    env.put("OPENBLAS_VERBOSE", "2");
    Path out = dir.resolve("output.txt");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("./fracnet train did not finish in 5 minutes");
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(output).as("the launcher must not rebuild the jar inside the test build")
        .doesNotContain("building the command line");
    return new Result(p.exitValue(), output);
  }
}

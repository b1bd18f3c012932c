package org.fracnet.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the benchmark runs, from system properties ({@code -Dbench.rows=...} on the Maven command
 * line), each with the default of the task.
 *
 * @param dir working directory for data, models and results ({@code bench.dir})
 * @param cliJar the shaded fracnet jar ({@code fracnet.cliJar})
 * @param python the Python with PyTorch ({@code bench.python}, default {@code /usr/bin/python3})
 * @param peerScript the PyTorch peer ({@code bench.peer})
 * @param rows training rows of the small MLP runs ({@code bench.rows}, 200000)
 * @param testRows test rows ({@code bench.testRows}, 20000)
 * @param epochs epochs of the small MLP runs ({@code bench.epochs}, 5)
 * @param wideRows training rows of the wide MLP runs, a prefix of the training file
 *     ({@code bench.wideRows}, 200000)
 * @param wideEpochs epochs of the wide MLP runs ({@code bench.wideEpochs}, 5)
 * @param seed seed of the task ({@code bench.seed})
 * @param cases which runs, comma-separated ({@code bench.cases}): small-cross-entropy, small-mse,
 *     small-dirichlet, wide-cross-entropy
 * @param torchThreads PyTorch thread settings ({@code bench.torchThreads}, "1,2"); runs with more
 *     than one thread get {@code OMP_WAIT_POLICY=PASSIVE}
 * @param torchInit the peer's initialisation ({@code bench.torchInit}: pytorch or fracnet)
 * @param predictRepeats fresh-JVM runs of {@code fracnet predict} on one row ({@code bench.predictRepeats}, 5)
 * @param klSeeds training seeds over which the small cross-entropy case's test KL is compared
 *     ({@code bench.klSeeds}, 5: seed 42 of the main run plus seeds 1 to 4; 1 turns it off)
 * @param rounds rounds of every case ({@code bench.rounds}, 3): each round trains every engine
 *     setting once, in an order that rotates from round to round, and the table reports each
 *     setting's median
 */
record BenchConfig(Path dir, Path cliJar, String python, Path peerScript, int rows, int testRows,
    int epochs, int wideRows, int wideEpochs, long seed, List<String> cases, List<Integer> torchThreads,
    String torchInit, int predictRepeats, int klSeeds, int rounds) {
  static final long DEFAULT_SEED = 20_260_601L;
  static final List<String> ALL_CASES = List.of("small-cross-entropy", "small-mse", "small-dirichlet", "wide-cross-entropy");

  static BenchConfig fromSystemProperties() {
    return new BenchConfig(
        Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath(),
        Path.of(System.getProperty("fracnet.cliJar", "../cli/target/fracnet-cli-0.1.0-SNAPSHOT-all.jar")).toAbsolutePath(),
        System.getProperty("bench.python", "/usr/bin/python3"),
        Path.of(System.getProperty("bench.peer", "src/bench/python/torch_peer.py")).toAbsolutePath(),
        Integer.getInteger("bench.rows", 200_000),
        Integer.getInteger("bench.testRows", 20_000),
        Integer.getInteger("bench.epochs", 5),
        Integer.getInteger("bench.wideRows", 200_000),
        Integer.getInteger("bench.wideEpochs", 5),
        Long.getLong("bench.seed", DEFAULT_SEED),
        list(System.getProperty("bench.cases", String.join(",", ALL_CASES))),
        list(System.getProperty("bench.torchThreads", "1,2")).stream().map(Integer::valueOf).toList(),
        System.getProperty("bench.torchInit", "pytorch"),
        Integer.getInteger("bench.predictRepeats", 5),
        Integer.getInteger("bench.klSeeds", 5),
        Integer.getInteger("bench.rounds", 3));
  }

  private static List<String> list(String s) {
    return Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }
}

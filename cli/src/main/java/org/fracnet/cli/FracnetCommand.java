package org.fracnet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level command; its subcommands do the work. */
@Command(name = "fracnet", mixinStandardHelpOptions = true, versionProvider = FracnetCommand.Version.class,
    description = "Train, compare and use neural networks that predict class fractions.",
    subcommands = {LossesCommand.class, CompareCommand.class, TrainCommand.class, PredictCommand.class, BenchmarkCommand.class,
        EvaluateCommand.class, CheckLossCommand.class, OptimizersCommand.class, picocli.CommandLine.HelpCommand.class})
public final class FracnetCommand implements Runnable {
  /** {@code fracnet 0.1.0}: the library's version ({@link org.fracnet.core.Fracnet#version}), as compare's reports give it. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"fracnet " + org.fracnet.core.Fracnet.version()};
    }
  }

  @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "A directory of plugin jars (losses, optimizers, ...) to load besides the classpath.")
  Path plugins;

  /** Read by {@link Main#debug} from the arguments, since errors may come before parsing. */
  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error after its message (also when FRACNET_DEBUG is set).")
  boolean debug;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

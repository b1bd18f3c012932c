package org.fracnet.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.fracnet.core.discovery.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fracnet losses}: the discovered losses and their parameters. */
@Command(name = "losses", mixinStandardHelpOptions = true,
    description = "List the losses found on the classpath and in --plugins, with their parameters.")
final class LossesCommand implements Callable<Integer> {
  private final Plugins plugins;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Inject
  LossesCommand(Plugins plugins) {
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    ProviderListing.print(plugins.losses(), json, spec.commandLine().getOut());
    return 0;
  }
}

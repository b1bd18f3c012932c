package org.fracnet.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.fracnet.core.discovery.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fracnet optimizers}: the discovered optimizers, architectures and trainers, with parameters. */
@Command(name = "optimizers", mixinStandardHelpOptions = true,
    description = "List the optimizers (and the architectures and trainers) found, with their parameters.")
final class OptimizersCommand implements Callable<Integer> {
  private final Plugins plugins;

  @Option(names = "--json", description = "Print JSON: {optimizers, architectures, trainers}.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Inject
  OptimizersCommand(Plugins plugins) {
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (json) {
      var root = Json.MAPPER.createObjectNode();
      root.set("optimizers", ProviderListing.toJson(plugins.optimizers()));
      root.set("architectures", ProviderListing.toJson(plugins.architectures()));
      root.set("trainers", ProviderListing.toJson(plugins.trainers()));
      out.println(Json.write(root));
      return 0;
    }
    out.println("optimizers (--optimizer ID, --optimizer-param K=V):");
    ProviderListing.print(plugins.optimizers(), false, out);
    out.println();
    out.println("architectures (--arch ID):");
    ProviderListing.print(plugins.architectures(), false, out);
    out.println();
    out.println("trainers (--trainer ID, --trainer-param K=V):");
    ProviderListing.print(plugins.trainers(), false, out);
    return 0;
  }
}

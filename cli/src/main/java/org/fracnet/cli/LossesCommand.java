package org.fracnet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.discovery.ProviderRegistry;
import org.fracnet.core.spi.LossProvider;
import org.fracnet.core.spi.ParameterDescriptor;
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
    PrintWriter out = spec.commandLine().getOut();
    ProviderRegistry<LossProvider> losses = plugins.losses();
    if (json) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      losses.byId().forEach((id, p) -> {
        ObjectNode o = array.addObject();
        o.put("id", id);
        o.put("description", p.description());
        o.put("provider", p.getClass().getName());
        o.put("location", ProviderRegistry.locationOf(p.getClass()));
        ArrayNode params = o.putArray("parameters");
        for (ParameterDescriptor d : p.parameters()) {
          params.addObject().put("name", d.name()).put("description", d.description())
              .put("default", d.defaultValue());
        }
      });
      out.println(Json.write(array));
      return 0;
    }
    if (losses.byId().isEmpty()) {
      out.println("No losses are installed. Add a loss plugin jar (e.g. fracnet-loss-cross-entropy)"
          + " to the classpath or to --plugins DIR.");
      return 0;
    }
    losses.byId().forEach((id, p) -> {
      out.println(id + "  " + p.description());
      for (ParameterDescriptor d : p.parameters()) {
        out.println("    " + d.name() + (d.defaultValue().isEmpty() ? "" : " (default " + d.defaultValue() + ")")
            + ": " + d.description());
      }
    });
    return 0;
  }
}

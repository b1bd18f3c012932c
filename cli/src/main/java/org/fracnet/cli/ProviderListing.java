package org.fracnet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.fracnet.core.discovery.ProviderRegistry;
import org.fracnet.core.spi.ParameterDescriptor;
import org.fracnet.core.spi.Provider;

/** Prints the providers of one kind with their parameters, as text or JSON. */
final class ProviderListing {
  private ProviderListing() {}

  /** The providers as a JSON array of {id, description, provider, location, parameters}. */
  static ArrayNode toJson(ProviderRegistry<? extends Provider> registry) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      registry.byId().forEach((id, p) -> {
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
      return array;
  }

  static void print(ProviderRegistry<? extends Provider> registry, boolean json, PrintWriter out) {
    if (json) {
      out.println(Json.write(toJson(registry)));
      return;
    }
    if (registry.byId().isEmpty()) {
      out.println("No " + registry.kind() + " providers are installed. Add a " + registry.kind()
          + " plugin jar (e.g. fracnet-loss-cross-entropy for losses) to the classpath or to --plugins DIR.");
      return;
    }
    registry.byId().forEach((id, p) -> {
      out.println(id + "  " + p.description());
      for (ParameterDescriptor d : p.parameters()) {
        out.println("    " + d.name() + (d.defaultValue().isEmpty() ? "" : " (default " + d.defaultValue() + ")")
            + ": " + d.description());
      }
    });
  }
}

package org.fracnet.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fracnet.core.Fracnet;
import org.fracnet.core.FracnetException;
import org.fracnet.core.discovery.Plugins;
import picocli.CommandLine;

/** The composition root of the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line and returns its exit status: 0 success, 1 an internal error or a failed
   * check, 2 a usage or input error.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      ClassLoader loader = pluginLoader(pluginDirectory(args));
      Plugins plugins = Plugins.discover(loader);
      for (String problem : plugins.problems()) {
        err.println("fracnet: warning: " + problem);
      }
      Fracnet fracnet = Fracnet.of(plugins);
      Injector injector = Guice.createInjector(new FracnetModule(plugins),
          binder -> binder.bind(Fracnet.class).toInstance(fracnet));
      CommandLine cli = new CommandLine(FracnetCommand.class, commandsFrom(injector));
      cli.setOut(out);
      cli.setErr(err);
      cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, err));
      cli.setParameterExceptionHandler((e, arguments) -> usageError(e, err));
      int status = cli.execute(args);
      out.flush();
      return status;
    } catch (RuntimeException | LinkageError e) {
      return report(e, err);
    }
  }

  /**
   * Prints a failure as one line and returns its exit status: a {@link FracnetException} (also
   * when it is the cause of another exception) gives its message, API names translated into flags
   * ({@link Flags}), and its status; anything else is an
   * internal error (status 1) whose stack trace is printed only when FRACNET_DEBUG is set.
   */
  static int report(Throwable e, PrintWriter err) {
    FracnetException known = findFracnetException(e);
    if (known != null) {
      err.println("fracnet: error: " + Flags.translate(known.getMessage()));
      if (System.getenv("FRACNET_DEBUG") != null) {
        known.printStackTrace(err);
      }
      err.flush();
      return known.exitCode();
    }
    err.println("fracnet: internal error: " + e + " (please report it; set FRACNET_DEBUG=1 for the stack trace)");
    if (System.getenv("FRACNET_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /**
   * Prints an option-parsing error the way {@link #report} prints input errors, one line, plus
   * picocli's suggestions for a mistyped name and where the options are listed; returns 2. The
   * usage block itself is left to {@code --help}: after a typo it buries the message.
   */
  static int usageError(CommandLine.ParameterException e, PrintWriter err) {
    err.println("fracnet: error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  private static FracnetException findFracnetException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FracnetException fe) {
        return fe;
      }
    }
    return null;
  }

  /**
   * A picocli factory that creates fracnet's commands through Guice and everything else picocli
   * needs (collections for repeatable options, converters) with picocli's default factory.
   */
  static CommandLine.IFactory commandsFrom(Injector injector) {
    CommandLine.IFactory fallback = CommandLine.defaultFactory();
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls.getPackageName().equals(Main.class.getPackageName())
            ? injector.getInstance(cls) : fallback.create(cls);
      }
    };
  }

  /** The value of {@code --plugins DIR} or {@code --plugins=DIR} anywhere in args, or null. */
  static Path pluginDirectory(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--plugins") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--plugins=")) {
        return Path.of(args[i].substring("--plugins=".length()));
      }
    }
    return null;
  }

  private static ClassLoader pluginLoader(Path dir) {
    ClassLoader parent = Main.class.getClassLoader();
    if (dir == null) {
      return parent;
    }
    if (!Files.isDirectory(dir)) {
      throw new FracnetException("--plugins " + dir + " is not a directory; give a directory of plugin jars");
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(p.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new FracnetException("--plugins " + dir + " cannot be listed: " + e.getMessage());
    }
    return new URLClassLoader(jars.toArray(URL[]::new), parent);
  }
}

package org.fracnet.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fracnet.core.Fracnet;
import org.fracnet.core.FracnetException;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.io.AtomicFile;
import org.fracnet.core.io.IoErrors;
import picocli.CommandLine;

/** The composition root of the command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    Activity activity = new Activity(err, System.console() != null, System::exit);
    listenForCtrlC(activity);
    // SIGTERM and SIGHUP: the files being written keep their previous content, as on Ctrl-C
    Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::deleteUnfinished, "fracnet-unfinished-files"));
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      int status = report(e, err, debug(args), activity.doing());
      if (e instanceof VirtualMachineError) {
        System.exit(status);
      }
    });
    System.exit(run(args, new PrintWriter(System.out, true), err, activity));
  }

  /**
   * Sends Ctrl-C (SIGINT) to {@code activity} through {@code sun.misc.Signal} (module
   * jdk.unsupported, in every JDK since 9), unless the JVM keeps the signal to itself (it runs with
   * {@code -Xrs}) or the process was started with it ignored (a background job): then Ctrl-C
   * keeps its default. By reflection, since javadoc refuses a compile-time reference to it.
   */
  private static void listenForCtrlC(Activity activity) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object onInterrupt = Proxy.newProxyInstance(Main.class.getClassLoader(), new Class<?>[] {handler},
          (proxy, method, arguments) -> switch (method.getName()) {
            case "handle" -> {
              activity.interrupt();
              yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> "Ctrl-C handler";
          });
      signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance("INT"),
          onInterrupt);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // the default stays: Ctrl-C ends the process at once
    }
  }

  /**
   * Runs the command line and returns its exit status: 0 success, 1 an internal error or a failed
   * check, 2 a usage or input error, 130 training stopped by Ctrl-C.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, new Activity(err, false, status -> {}));
  }

  /** As {@link #run(String[], PrintWriter, PrintWriter)}, telling {@code activity} what it does. */
  static int run(String[] args, PrintWriter out, PrintWriter err, Activity activity) {
    boolean debug = debug(args);
    try {
      ClassLoader loader = pluginLoader(pluginDirectory(args));
      Plugins plugins = Plugins.discover(loader);
      for (String problem : plugins.problems()) {
        err.println("fracnet: warning: " + problem);
      }
      Fracnet fracnet = Fracnet.of(plugins);
      Injector injector = Guice.createInjector(new FracnetModule(plugins), binder -> {
        binder.bind(Fracnet.class).toInstance(fracnet);
        binder.bind(Activity.class).toInstance(activity);
      });
      CommandLine cli = new CommandLine(FracnetCommand.class, commandsFrom(injector));
      cli.setOut(out);
      cli.setErr(err);
      cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, err, debug, activity.doing()));
      cli.setParameterExceptionHandler((e, arguments) -> usageError(e, err));
      int status = cli.execute(args);
      out.flush();
      return status;
    } catch (RuntimeException | Error e) {
      return report(e, err, debug, activity.doing());
    }
  }

  /** Whether to print stack traces: {@code --debug} anywhere before {@code --}, or FRACNET_DEBUG set. */
  static boolean debug(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.equals("--debug")) {
        return true;
      }
    }
    return System.getenv("FRACNET_DEBUG") != null;
  }

  /**
   * Prints a failure as one line and returns its exit status, with the stack trace after it only
   * when {@code debug}:
   *
   * <ul>
   *   <li>a {@link FracnetException} (also when it is the cause of another exception): its
   *       message, API names translated into flags ({@link Flags}), and its status;</li>
   *   <li>running out of memory: what fracnet was doing, the heap's limit and how to raise it
   *       (status 2, like other limits of the machine such as a full disk);</li>
   *   <li>anything else: an internal error (status 1), a bug to report.</li>
   * </ul>
   *
   * @param doing what the command was doing, e.g. {@code "training"}
   */
  static int report(Throwable e, PrintWriter err, boolean debug, String doing) {
    FracnetException known = findFracnetException(e);
    int status;
    if (known != null) {
      err.println("fracnet: error: " + Flags.translate(known.getMessage()));
      status = known.exitCode();
    } else if (e instanceof OutOfMemoryError) {
      err.println(outOfMemory(doing, Runtime.getRuntime().maxMemory()));
      status = 2;
    } else {
      err.println("fracnet: internal error: an unexpected problem stopped fracnet while " + doing + "; this is a bug:"
          + " please report it with the output of the same command run with --debug");
      status = 1;
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return status;
  }

  /** The line for running out of memory: what fracnet was doing, the heap's limit, how to raise it. */
  static String outOfMemory(String doing, long maxHeapBytes) {
    long mib = maxHeapBytes >> 20;
    long suggestedGib = Math.max(2, Long.highestOneBit(Math.max(1, 2 * mib - 1) >> 10) << 1);
    return "fracnet: error: fracnet ran out of memory while " + doing + " (the Java heap is limited to " + mib
        + " MiB); give it more, e.g. FRACNET_JAVA_OPTS=-Xmx" + suggestedGib + "g ./fracnet ..., or java -Xmx"
        + suggestedGib + "g -jar " + jarName() + " ...";
  }

  /** The file name of the jar this class runs from, e.g. {@code fracnet-cli-0.1.0-all.jar}. */
  private static String jarName() {
    try {
      String name = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getFileName().toString();
      return name.endsWith(".jar") ? name : "fracnet-cli-all.jar";
    } catch (RuntimeException | java.net.URISyntaxException e) {
      return "fracnet-cli-all.jar";
    }
  }

  /**
   * Prints an option-parsing error the way {@link #report} prints input errors, on one line with
   * picocli's suggestion for a mistyped name and where the options are listed; returns 2. The
   * usage block itself is left to {@code --help}: after a typo it buries the message.
   */
  static int usageError(CommandLine.ParameterException e, PrintWriter err) {
    StringBuilder line = new StringBuilder("fracnet: error: ").append(plainUsageMessage(e.getMessage()));
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append("?)");
    }
    line.append("; see '").append(e.getCommandLine().getCommandSpec().qualifiedName()).append(" --help'");
    err.println(line);
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  /** A Java class name and its colon, as picocli quotes a conversion's exception. */
  private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ?");

  /** picocli's message in plain words: no Java type or class names. */
  static String plainUsageMessage(String message) {
    return CLASS_NAME.matcher(String.valueOf(message)).replaceAll("")
        .replace("' is not an int", "' is not a whole number").replace("' is not a long", "' is not a whole number")
        .replace("' is not a double", "' is not a number").replace("' is not a float", "' is not a number")
        .replace(" to Path ", " to a path ");
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
      throw new FracnetException("--plugins " + dir + " cannot be listed: " + IoErrors.reason(e));
    }
    return new URLClassLoader(jars.toArray(URL[]::new), parent);
  }
}

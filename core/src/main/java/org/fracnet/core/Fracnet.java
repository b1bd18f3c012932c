package org.fracnet.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.fracnet.core.compare.CompareConfig;
import org.fracnet.core.compare.CompareListener;
import org.fracnet.core.compare.Comparison;
import org.fracnet.core.compare.ComparisonResult;
import org.fracnet.core.data.Dataset;
import org.fracnet.core.data.DatasetSpec;
import org.fracnet.core.discovery.Plugins;
import org.fracnet.core.model.Model;
import org.fracnet.core.training.FilePlan;
import org.fracnet.core.training.FitResult;
import org.fracnet.core.training.ModelFitter;
import org.fracnet.core.training.StopSignal;
import org.fracnet.core.training.StreamConfig;
import org.fracnet.core.training.TrainingConfig;
import org.fracnet.core.training.TrainingListener;
import org.fracnet.core.tune.TuneConfig;
import org.fracnet.core.tune.TuneListener;
import org.fracnet.core.tune.TuneResult;
import org.fracnet.core.tune.Tuner;

/**
 * The library's entry point: the installed plugins (losses, optimizers, architectures,
 * trainers), found once by {@link #discover()}, and what to do with them.
 *
 * <pre>{@code
 * Fracnet fracnet = Fracnet.discover();
 * FitResult fit = fracnet.train(data, TrainingConfig.builder().loss("cross-entropy").build());
 * fit.model().save(Path.of("model.zip"));
 * Model again = fracnet.load(Path.of("model.zip"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; create one per application (discovery reads every jar's
 * service files). Nothing native loads until a native trainer trains.
 */
public final class Fracnet {
  private final Plugins plugins;
  private final ModelFitter fitter;

  private Fracnet(Plugins plugins) {
    this.plugins = Objects.requireNonNull(plugins, "plugins");
    this.fitter = new ModelFitter(plugins);
  }

  /**
   * Finds the plugins on the classpath of this class's class loader. A broken plugin is skipped
   * and listed in {@link #problems()}; two plugins with one id fail here, naming both.
   */
  public static Fracnet discover() {
    return discover(Fracnet.class.getClassLoader());
  }

  /** Finds the plugins visible to {@code loader} (e.g. one over a directory of plugin jars). */
  public static Fracnet discover(ClassLoader loader) {
    return new Fracnet(Plugins.discover(loader));
  }

  /**
   * This library's version, e.g. {@code 0.1.0}, as the build wrote it into {@code
   * org/fracnet/core/version.properties}; {@code "development"} when run from classes that were not
   * built by Maven.
   */
  public static String version() {
    try (java.io.InputStream in = Fracnet.class.getResourceAsStream("version.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "");
      return v.isEmpty() || v.startsWith("${") ? "development" : v;
    } catch (java.io.IOException e) {
      return "development";
    }
  }

  /** A library over plugins found elsewhere (tests, or a composition root of your own). */
  public static Fracnet of(Plugins plugins) {
    return new Fracnet(plugins);
  }

  /** The plugins. */
  public Plugins plugins() {
    return plugins;
  }

  /** Every broken plugin that discovery skipped, with its class and jar. */
  public List<String> problems() {
    return plugins.problems();
  }

  /**
   * Trains a model on {@code data}: holds out {@link TrainingConfig#validationFraction} of the
   * rows for early stopping, standardises features, trains, and evaluates the model on the
   * held-out rows against the mean predictor.
   *
   * @throws SettingsException on an unknown id or an invalid parameter
   * @throws TrainingException when training diverges
   * @throws ModelFileException when resuming a checkpoint of another run
   */
  public FitResult train(Dataset data, TrainingConfig config) {
    return train(data, config, TrainingListener.NONE);
  }

  /** As {@link #train(Dataset, TrainingConfig)}, reporting progress to {@code listener}. */
  public FitResult train(Dataset data, TrainingConfig config, TrainingListener listener) {
    return train(data, config, listener, new StopSignal());
  }

  /**
   * As {@link #train(Dataset, TrainingConfig, TrainingListener)}, stopping when {@code stop} is
   * requested from another thread: after the current batch, with the checkpoint of
   * {@link TrainingConfig#checkpoint()} holding the last complete epoch (or the starting point).
   * Training again with the same data and settings and {@code resume(true)} then ends exactly as
   * an uninterrupted run.
   *
   * @throws TrainingInterruptedException when {@code stop} was requested; it names the checkpoint
   */
  public FitResult train(Dataset data, TrainingConfig config, TrainingListener listener, StopSignal stop) {
    return fitter.fit(data, config, listener, stop);
  }

  /**
   * Checks the settings of {@code config} that do not depend on data, as training would, without
   * reading any: installed providers, the optimizer's, trainer's and core networks' parameters,
   * dropout only with mini-batch steps, and the names of the loss's parameters
   * ({@link ModelFitter#checkSettings}). Call it before reading a large file; {@code train} on a
   * file does.
   *
   * @throws SettingsException naming the first setting that cannot work
   */
  public void checkSettings(TrainingConfig config) {
    fitter.checkSettings(config);
  }

  /**
   * Trains an ensemble whose members have settings of their own, as {@link ModelFitter#fitMembers}
   * says: one network per config, each as {@link #train} would with ensemble 1 (its seed, optimizer,
   * learning rate, batch size...), sharing member 0's standardisation, checkpoint file and resume
   * flag; the members must share the architecture, the loss and the validation fraction. The
   * model's run record is member 0's. {@link #tune} builds its ensembles this way.
   *
   * @throws SettingsException when the members do not share the network and loss
   * @throws TrainingInterruptedException when {@code stop} was requested; it names the checkpoint
   */
  public FitResult trainEnsemble(Dataset data, List<TrainingConfig> members, TrainingListener listener,
      StopSignal stop) {
    return fitter.fitMembers(data, members, listener, stop);
  }

  /**
   * Trains a model on a CSV file, read into memory or streamed as {@code stream} says: in auto
   * mode (the default) the file is streamed when reading it into memory would take more than
   * {@link StreamConfig#AUTO_HEAP_SHARE} of the heap ({@link #plan} says which). In memory this is
   * {@link Dataset#readCsv} then {@link #train(Dataset, TrainingConfig, TrainingListener, StopSignal)};
   * streamed, see {@link ModelFitter#fitStreamed}: bounded memory, validation rows held out by a
   * hash of each row, no ensembles or full-batch optimizers, the held-out evaluation computed chunk
   * by chunk (the held-out rows are not in the result).
   *
   * @param messages receives the reader's warnings (streamed, they start with
   *     {@link ModelFitter#WARNING}) and what the streaming does with its cache
   * @throws TrainingInterruptedException when {@code stop} was requested; it names the checkpoint
   */
  public FitResult train(Path file, DatasetSpec spec, TrainingConfig config, StreamConfig stream,
      TrainingListener listener, StopSignal stop, Consumer<String> messages) {
    checkSettings(config); // before reading what may be gigabytes
    boolean streamed = stream.mode() == StreamConfig.Mode.STREAM
        || stream.mode() == StreamConfig.Mode.AUTO && plan(file, spec, stream).stream();
    if (streamed) {
      return fitter.fitStreamed(file, spec, config, stream, listener, stop, messages);
    }
    return train(Dataset.readCsv(file, spec, messages), config, listener, stop);
  }

  /**
   * What training on {@code file} would take: its rows (estimated from the first rows), the memory
   * in-memory and streamed training need, and whether {@code stream} would stream it. Reads the
   * header and at most the first {@code 50,000} rows.
   */
  public FilePlan plan(Path file, DatasetSpec spec, StreamConfig stream) {
    return FilePlan.of(file, spec, stream);
  }

  /**
   * Compares losses on {@code data} by cross-validation: every candidate trained on the same folds
   * with its own search, metrics of the out-of-fold predictions overall and per class, paired
   * tests, and a verdict; write the report with {@link ComparisonResult#write}.
   *
   * @throws SettingsException on an unknown loss or settings that do not fit the data
   */
  public ComparisonResult compare(Dataset data, CompareConfig config, CompareListener listener) {
    return Comparison.run(this, data, config, listener);
  }

  /**
   * Tunes on {@code data}: tries the settings of the config's budget (architecture, weight decay,
   * learning rate, batch size; times its losses) by k-fold cross-validation on {@code data} alone,
   * chooses by the config's metric, and refits the choice on all of {@code data} as {@link #train}
   * does; with {@code ensemble(n)} in the base settings, the n members are the settings greedy
   * ensemble selection picks from the same out-of-fold predictions, the choice first
   * ({@link #trainEnsemble}). The model carries the search ({@link Model#tuning()}) and saves it in
   * its file.
   *
   * @throws SettingsException on an unknown id or too few rows for the folds
   * @throws TrainingException when no setting could be trained
   */
  public TuneResult tune(Dataset data, TuneConfig config, TuneListener listener) {
    return Tuner.run(this, data, config, listener);
  }

  /**
   * Reads a model file, recreating its loss with the installed loss plugin.
   *
   * @throws ModelFileException when the file is missing, not a model, damaged or hostile (see
   *     docs/errors.md, "Model files"), or of a newer format
   * @throws SettingsException when the model's loss plugin is not installed
   */
  public Model load(Path file) {
    return Model.load(file, plugins.losses());
  }

  @Override
  public String toString() {
    return "Fracnet[losses=" + plugins.losses().byId().keySet() + ", trainers="
        + plugins.trainers().byId().keySet() + "]";
  }
}

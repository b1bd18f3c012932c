package org.fracnet.core.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command lines' names for the library's settings, shared by fracnet's command lines (the
 * {@code fracnet} CLI and the spark-submit entry of fracnet-spark), which take the same flags. Library messages name a setting the way
 * Java code sets it: {@code epochs(0)}, {@code validationFraction(1.5)}, {@code resume(true)},
 * {@code InvalidRows.SKIP}. Before printing a message, the CLI replaces each such name it knows
 * by the flag that sets it ({@code --epochs 0}, {@code --validation 1.5}, {@code --resume},
 * {@code --on-invalid skip}), so a user of the CLI reads its own vocabulary.
 */
public final class CommandLineFlags {
  /** Setting name (a builder method) to flag. */
  private static final Map<String, String> SETTINGS = Map.ofEntries(
      Map.entry("epochs", "--epochs"), Map.entry("batchSize", "--batch-size"),
      Map.entry("learningRate", "--lr"), Map.entry("schedule", "--lr-schedule"),
      Map.entry("lrStepEpochs", "--lr-step-epochs"), Map.entry("lrGamma", "--lr-gamma"),
      Map.entry("patience", "--patience"), Map.entry("seed", "--seed"), Map.entry("ensemble", "--ensemble"),
      Map.entry("validationFraction", "--validation"), Map.entry("checkpoint", "--checkpoint"),
      Map.entry("resume", "--resume"), Map.entry("weightDecay", "--weight-decay"),
      Map.entry("Architecture.mlp", "--hidden"), Map.entry("Architecture.linear", "--arch linear"),
      Map.entry("Architecture.withDropout", "--dropout"),
      Map.entry("OptimizerSettings.weightDecay", "--weight-decay"), Map.entry("folds", "--folds"),
      Map.entry("repeats", "--repeats"), Map.entry("budget", "--budget"), Map.entry("groupByIds", "--group COL"),
      Map.entry("Fracnet.discover", "--plugins DIR"), Map.entry("selectBy", "--select-by"),
      Map.entry("recipes", "--recipes"), Map.entry("StreamConfig.mode", "--data-mode"));
  /** Constant name to flag and value. */
  private static final Map<String, String> CONSTANTS = Map.ofEntries(
      Map.entry("InvalidRows.SKIP", "--on-invalid skip"), Map.entry("InvalidRows.RENORMALIZE", "--on-invalid renormalize"),
      Map.entry("InvalidRows.ERROR", "--on-invalid error"), Map.entry("TargetKind.COUNTS", "--targets-are counts"),
      Map.entry("TargetKind.FRACTIONS", "--targets-are fractions"), Map.entry("DatasetSpec.targets", "--targets"),
      Map.entry("DatasetSpec.features", "--features"), Map.entry("DatasetSpec.weightColumn", "--weight"),
      Map.entry("DatasetSpec.idColumn", "--id"), Map.entry("Overwrite.REPLACE", "--force"),
      Map.entry("StreamConfig.cacheDirectory", "--cache-dir"));
  private static final Pattern CALL = Pattern.compile("(?<![\\w.])([A-Za-z][\\w.]*)\\(([^()]*)\\)");
  private static final Pattern CONSTANT = Pattern.compile("(?<![\\w.])[A-Z]\\w*\\.\\w+");
  /** An mlp parameter that has a flag of its own, as {@code Parameters.invalid} names it. */
  private static final Pattern MLP_PARAMETER =
      Pattern.compile("parameter (hidden|activation|dropout)=(\\S*) of architecture mlp");

  /** A trainer parameter that has a flag of its own. */
  private static final Pattern TRAINER_PARAMETER = Pattern.compile("the trainer parameter (clip-norm|threads)=(\\S+)");

  private CommandLineFlags() {}

  /** {@code message} with every setting it names in the API's form replaced by its flag. */
  public static String translate(String message) {
    if (message == null) {
      return null;
    }
    Matcher call = CALL.matcher(message);
    StringBuilder out = new StringBuilder();
    while (call.find()) {
      String flag = SETTINGS.get(call.group(1));
      String value = call.group(2);
      String replacement = flag == null ? call.group()
          : value.isEmpty() || value.equals("true") || flag.contains(" ") ? flag
          : value.equals("file") ? flag + " FILE" : flag + " " + value;
      call.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    call.appendTail(out);
    Matcher constant = CONSTANT.matcher(out.toString());
    StringBuilder done = new StringBuilder();
    while (constant.find()) {
      constant.appendReplacement(done, Matcher.quoteReplacement(
          CONSTANTS.getOrDefault(constant.group(), constant.group())));
    }
    constant.appendTail(done);
    String flags = MLP_PARAMETER.matcher(done.toString()).replaceAll("--$1 $2");
    return TRAINER_PARAMETER.matcher(flags).replaceAll("--$1 $2");
  }
}

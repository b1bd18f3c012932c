package org.fracnet.core.compare.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * ECharts options as JSON trees, one method per kind of chart. Titles and legends are HTML around
 * the chart (they wrap long candidate ids, and the page escapes them); a chart carries its axis
 * names and tooltips. Animation is off: the report is a document, and it is drawn at once.
 */
final class ChartOptions {
  /** One named series of points {@code [x, y]}; {@code points} rows may carry more columns (shown in the tooltip). */
  record Series(String name, String color, List<double[]> points) {}

  /** How the page formats a value in a tooltip (see {@code PageAssets}). */
  enum ValueFormat {
    PERCENT, NUMBER
  }

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String DIAGONAL_COLOR = "#9a9a9a";

  private ChartOptions() {}

  /** A series whose largest bar is more than this many times the median series' largest is cut off. */
  static final double OUTLIER_FACTOR = 4;

  /**
   * Where the value axis of grouped bars ends when one or a few series dwarf the others (class
   * weights without de-biasing at +550 % beside errors of a few %, which would flatten every other
   * bar), and on which sides bars pass it.
   *
   * @param limit a round value above the largest bar of the series that are not outliers
   * @param above whether some bar is above {@code limit}
   * @param below whether some bar is below {@code -limit}
   */
  record BarLimit(double limit, boolean above, boolean below) {
    /** Whether {@code v} is cut at the axis's end. */
    boolean cuts(Double v) {
      return v != null && (v > limit || v < -limit);
    }
  }

  /**
   * The {@link BarLimit} of grouped bars: a series is an outlier when its largest absolute value
   * exceeds {@value #OUTLIER_FACTOR} times the median over series of theirs. Null with fewer than
   * three series, without an outlier, or when no bar passes the limit.
   */
  static BarLimit barLimit(List<List<Double>> values) {
    List<Double> largest = new java.util.ArrayList<>();
    for (List<Double> series : values) {
      double most = 0;
      for (Double v : series) {
        if (v != null && Double.isFinite(v)) {
          most = Math.max(most, Math.abs(v));
        }
      }
      largest.add(most);
    }
    if (largest.size() < 3) {
      return null;
    }
    List<Double> sorted = largest.stream().sorted().toList();
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    double kept = largest.stream().filter(a -> a <= OUTLIER_FACTOR * median).mapToDouble(a -> a).max().orElse(0);
    if (!(kept > 0) || sorted.get(n - 1) <= OUTLIER_FACTOR * median) {
      return null;
    }
    double limit = niceCeiling(1.1 * kept);
    boolean above = values.stream().flatMap(List::stream).anyMatch(v -> v != null && v > limit);
    boolean below = values.stream().flatMap(List::stream).anyMatch(v -> v != null && v < -limit);
    return above || below ? new BarLimit(limit, above, below) : null;
  }

  /**
   * Grouped bars: one group per category (class), one bar per series (candidate). {@code values}
   * holds, per series, one value per category, null where there is none. When {@link #barLimit}
   * gives a limit, the axis ends there (on the side a bar passes it) and longer bars are cut at the
   * edge; the tooltip still shows their value.
   */
  static ObjectNode groupedBars(List<String> categories, List<String> names, List<String> colors,
      List<List<Double>> values, String valueAxisName, ValueFormat format) {
    ObjectNode o = base();
    boolean many = categories.size() > 10;
    o.putObject("grid").put("left", 80).put("right", 24).put("top", 24).put("bottom", many ? 110 : 70);
    o.putObject("tooltip").put("trigger", "axis").put("confine", true)
        .putObject("axisPointer").put("type", "shadow");
    ObjectNode x = o.putObject("xAxis").put("type", "category").put("name", "class")
        .put("nameLocation", "middle").put("nameGap", many ? 88 : 48);
    categories.forEach(x.putArray("data")::add);
    // every class named; a long name is cut (the tooltip has it whole)
    x.putObject("axisLabel").put("interval", 0).put("rotate", many ? 40 : 0).put("lineHeight", 16).put("margin", 10)
        .put("width", many ? 110 : 120).put("overflow", "truncate");
    x.putObject("axisLine").put("onZero", false); // class names below the chart, not across bars
    ObjectNode y = valueAxis(o.putObject("yAxis"), valueAxisName, 62);
    if (format == ValueFormat.PERCENT) {
      y.putObject("axisLabel").put("formatter", "{value} %");
    }
    BarLimit cut = barLimit(values);
    if (cut != null && cut.above()) {
      y.put("max", cut.limit());
    }
    if (cut != null && cut.below()) {
      y.put("min", -cut.limit());
    }
    ArrayNode series = o.putArray("series");
    for (int s = 0; s < names.size(); s++) {
      ObjectNode bar = series.addObject().put("type", "bar").put("name", names.get(s));
      bar.putObject("itemStyle").put("color", colors.get(s));
      ArrayNode data = bar.putArray("data");
      for (Double v : values.get(s)) {
        if (cut != null && cut.cuts(v)) {
          cutBar(data.addObject().put("value", v), v, format);
        } else {
          addNullable(data, v);
        }
      }
    }
    return o;
  }

  /**
   * Points of each series against the diagonal {@code y = x}, on two axes with the same range,
   * from 0 unless all values are far from it (see {@link #niceRange}). {@code connect} draws each
   * series as a line through its points (calibration), else as a cloud (predicted against true).
   */
  static ObjectNode againstDiagonal(List<Series> series, String xName, String yName, boolean connect) {
    double lowest = Double.POSITIVE_INFINITY;
    double highest = 0;
    for (Series s : series) {
      for (double[] p : s.points()) {
        lowest = Math.min(lowest, Math.min(p[0], p[1]));
        highest = Math.max(highest, Math.max(p[0], p[1]));
      }
    }
    double[] range = niceRange(lowest, highest);
    double min = range[0];
    double max = range[1];
    ObjectNode o = base();
    o.putObject("grid").put("left", 64).put("right", 18).put("top", 14).put("bottom", 50);
    o.putObject("tooltip").put("trigger", "item").put("confine", true);
    double interval = tickInterval(min, max); // ECharts' own ticks would label both ends beside a near one
    valueAxis(o.putObject("xAxis"), xName, 30).put("min", min).put("max", max).put("interval", interval);
    valueAxis(o.putObject("yAxis"), yName, 48).put("min", min).put("max", max).put("interval", interval);
    ArrayNode out = o.putArray("series");
    ObjectNode diagonal = out.addObject().put("type", "line").put("name", "y = x").put("silent", true)
        .put("symbol", "none").put("z", 1);
    diagonal.putObject("lineStyle").put("color", DIAGONAL_COLOR).put("width", 1).put("type", "dashed");
    diagonal.putObject("tooltip").put("show", false);
    ArrayNode ends = diagonal.putArray("data");
    ends.addArray().add(min).add(min);
    ends.addArray().add(max).add(max);
    for (Series s : series) {
      ObjectNode n = out.addObject().put("name", s.name()).put("z", 2);
      if (connect) {
        n.put("type", "line").put("symbol", "circle").put("symbolSize", 6);
        n.putObject("lineStyle").put("color", s.color()).put("width", 1.5);
        n.putObject("itemStyle").put("color", s.color());
      } else {
        n.put("type", "scatter").put("symbolSize", 4).put("large", false);
        n.putObject("itemStyle").put("color", s.color()).put("opacity", 0.55);
      }
      // x and y are the first two columns; a third (a calibration bin's weight) shows in the tooltip only
      n.putObject("encode").put("x", 0).put("y", 1);
      points(n.putArray("data"), s.points());
    }
    return o;
  }

  /** Loss by epoch: validation loss in the candidate's colour, training loss dashed and grey. */
  static ObjectNode learningCurve(List<double[]> validation, List<double[]> training, String color) {
    ObjectNode o = base();
    o.putObject("grid").put("left", 72).put("right", 18).put("top", 34).put("bottom", 50);
    o.putObject("tooltip").put("trigger", "axis").put("confine", true);
    ObjectNode legend = o.putObject("legend").put("top", 0).put("itemWidth", 18).put("itemHeight", 8);
    valueAxis(o.putObject("xAxis"), "epoch", 30).put("min", "dataMin").put("max", "dataMax").put("minInterval", 1);
    valueAxis(o.putObject("yAxis"), "loss", 56).put("scale", true);
    ArrayNode series = o.putArray("series");
    ArrayNode legendData = legend.putArray("data");
    if (!validation.isEmpty()) {
      legendData.add("validation loss");
      line(series.addObject(), "validation loss", color, "solid", validation);
    }
    if (!training.isEmpty()) {
      legendData.add("training loss");
      line(series.addObject(), "training loss", "#8a8a8a", "dashed", training);
    }
    return o;
  }

  private static void line(ObjectNode n, String name, String color, String type, List<double[]> points) {
    n.put("type", "line").put("name", name).put("showSymbol", false);
    n.putObject("lineStyle").put("color", color).put("width", 2).put("type", type);
    n.putObject("itemStyle").put("color", color);
    points(n.putArray("data"), points);
  }

  private static ObjectNode base() {
    ObjectNode o = F.objectNode();
    o.put("animation", false);
    o.putObject("textStyle").put("fontFamily", PageAssets.FONT_STACK);
    return o;
  }

  private static ObjectNode valueAxis(ObjectNode axis, String name, int nameGap) {
    axis.put("type", "value").put("name", name).put("nameLocation", "middle").put("nameGap", nameGap);
    axis.putObject("nameTextStyle").put("color", "#333");
    return axis;
  }

  private static void points(ArrayNode data, List<double[]> points) {
    for (double[] p : points) {
      ArrayNode row = data.addArray();
      for (double v : p) {
        row.add(v);
      }
    }
  }

  /**
   * A bar cut at the axis's end: hatched, with its value written along it at the end it is cut
   * at, so that a printed page shows it is not the bar's length.
   */
  private static void cutBar(ObjectNode item, double v, ValueFormat format) {
    ObjectNode decal = item.putObject("itemStyle").putObject("decal");
    decal.put("symbol", "rect").put("rotation", -0.785).put("color", "rgba(255, 255, 255, 0.55)");
    decal.putArray("dashArrayX").add(1).add(0);
    decal.putArray("dashArrayY").add(3).add(4);
    String text = (v > 0 ? "+" : "\u2212") + Html.number(Math.abs(v), 3) + (format == ValueFormat.PERCENT ? " %" : "")
        + (v > 0 ? " \u2192" : " \u2190"); // the text is turned a quarter left: these arrows point up and down
    item.putObject("label").put("show", true).put("position", v > 0 ? "insideTop" : "insideBottom")
        .put("rotate", 90).put("align", v > 0 ? "right" : "left").put("verticalAlign", "middle")
        .put("fontSize", 10).put("color", "#222").put("backgroundColor", "rgba(255, 255, 255, 0.85)")
        .put("padding", 1).put("formatter", text); // on a light patch: the bar may be dark
  }

  private static void addNullable(ArrayNode data, Double v) {
    if (v == null) {
      data.addNull();
    } else {
      data.add(v);
    }
  }

  /**
   * An axis range with round ends around values from {@code lowest} to {@code highest}, never
   * beyond 1 when the values are fractions: from 0 unless the lowest value is above 30 % of the top
   * (a large class's fractions, e.g. 0.6 to 0.95, would fill a tenth of the chart), then from a
   * round value below it. [0, 1] when there are no positive values.
   */
  static double[] niceRange(double lowest, double highest) {
    double top = highest <= 1 ? Math.min(1, niceCeiling(highest)) : niceCeiling(highest);
    if (!(highest > 0) || !(lowest > 0.3 * top)) {
      return new double[] {0, top};
    }
    double step = niceCeiling((highest - lowest) / 5);
    return new double[] {round(Math.floor(lowest / step) * step), round(Math.min(Math.ceil(highest / step) * step, top))};
  }

  /**
   * Ticks for an axis from {@code min} to {@code max}: a round step near a fifth of the range that
   * divides it exactly, so that no tick falls just short of an end (0.24 beside 0.25).
   */
  static double tickInterval(double min, double max) {
    double interval = niceCeiling((max - min) / 5);
    double steps = (max - min) / interval;
    return round(Math.abs(steps - Math.rint(steps)) < 1e-9 ? interval : (max - min) / 5);
  }

  private static double round(double v) {
    return Double.parseDouble(Html.number(v, 9));
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code x}; 1 when {@code x} is not positive. */
  static double niceCeiling(double x) {
    if (!(x > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(x)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      double v = step * power;
      if (v >= x * (1 - 1e-12)) {
        return round(v);
      }
    }
    return 10 * power;
  }
}

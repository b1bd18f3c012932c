package org.fracnet.core.compare.report;

/**
 * One colour per candidate, the same in every chart and legend of the report: 15 colours that
 * stay apart on a white page (after Tableau 10 and its lighter and darker variants), then repeated.
 */
final class Palette {
  private static final String[] COLORS = {
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f",
    "#ff9da7", "#1f3b73", "#8cd17d", "#d37295", "#86bcb6", "#a0cbe8", "#79706e",
  };

  private Palette() {}

  static String color(int index) {
    return COLORS[Math.floorMod(index, COLORS.length)];
  }

  static int size() {
    return COLORS.length;
  }
}

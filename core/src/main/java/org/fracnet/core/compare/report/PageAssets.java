package org.fracnet.core.compare.report;

/** The page's style sheet and the script that draws the charts, inlined into every report. */
final class PageAssets {
  /** Fonts the reader's machine has: the page loads none. */
  static final String FONT_STACK =
      "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";

  /**
   * Nothing may be loaded from anywhere: scripts and styles are inline, images only data URLs
   * (ECharts' "save as image" would use one; the report has none).
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
      + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

  static final String CSS = """
      :root { color-scheme: light; }
      body { font-family: %s; color: #1d1d1f; background: #fff; margin: 0; line-height: 1.45; }
      main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 48px; }
      h1 { font-size: 1.7rem; margin: 0 0 4px; }
      h2 { font-size: 1.3rem; margin: 36px 0 8px; padding-top: 12px; border-top: 1px solid #ddd; }
      h3 { font-size: 1.05rem; margin: 20px 0 4px; }
      .meta, .note, .dim { color: #555; }
      .meta { margin: 0 0 16px; font-size: 0.92rem; }
      .note { font-size: 0.92rem; max-width: 60rem; }
      #verdict { background: #f3f7fb; border-left: 5px solid #4e79a7; padding: 10px 18px; margin: 8px 0 0; }
      #verdict h2 { border: 0; margin: 4px 0; padding: 0; }
      #verdict p { margin: 8px 0; font-size: 1.05rem; max-width: 70rem; }
      .missing { color: #8a5a00; font-style: italic; }
      .chart { width: 100%%; }
      .chart.wide { height: 380px; }
      .chart.tall { height: 440px; }
      .chart.small { height: 300px; }
      .chart.failed { height: auto; color: #b00020; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px 20px; }
      figure { margin: 0; min-width: 0; display: flex; flex-direction: column; justify-content: flex-end; }
      figcaption { font-weight: 600; font-size: 0.95rem; overflow-wrap: anywhere; }
      figcaption .dim { font-weight: 400; }
      ul.legend { list-style: none; padding: 0; margin: 8px 0 4px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
      ul.legend li { display: flex; align-items: center; gap: 6px; overflow-wrap: anywhere; font-size: 0.92rem; }
      .swatch { display: inline-block; flex: none; width: 14px; height: 14px; border-radius: 3px; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; margin: 8px 0; font-size: 0.86rem; }
      th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 7px; text-align: right; vertical-align: top; }
      td { white-space: nowrap; }
      th { background: #f6f6f6; font-weight: 600; }
      th.text, td.text { text-align: left; }
      td.text { white-space: normal; overflow-wrap: anywhere; min-width: 5rem; max-width: 26rem; }
      td.text:first-child { min-width: 10rem; }
      th.candidate { text-align: right; white-space: normal; overflow-wrap: break-word; min-width: 6rem; max-width: 14rem; }
      td.best { font-weight: 700; background: #e6f2e1; }
      tr.significant td { background: #fbf6e4; }
      footer { margin-top: 40px; font-size: 0.85rem; color: #666; }
      """.formatted(FONT_STACK);

  /**
   * Draws every chart listed in the JSON element {@code fracnet-charts} into the element with its
   * id, with the SVG renderer (sharp when zoomed or printed, and countable in the DOM). When a chart
   * has been drawn, its element gets {@code data-rendered} (the number of shapes drawn); when it
   * cannot be drawn, the element says why instead.
   */
  static final String SCRIPT = """
      (function () {
        'use strict';
        var formats = {
          PERCENT: function (v) { return typeof v === 'number' ? v.toFixed(1) + ' %' : '\u2013'; },
          NUMBER: function (v) { return typeof v === 'number' ? String(+v.toPrecision(3)) : '\u2013'; }
        };
        var specs = JSON.parse(document.getElementById('fracnet-charts').textContent);
        var charts = [];
        specs.forEach(function (spec) {
          var el = document.getElementById(spec.id);
          try {
            var chart = echarts.init(el, null, { renderer: 'svg' });
            if (spec.format && spec.option.tooltip) {
              spec.option.tooltip.valueFormatter = formats[spec.format];
            }
            chart.on('finished', function () {
              var shapes = 1;
              try { shapes = chart.getZr().storage.getDisplayList().length; } catch (ignored) { /* older ECharts */ }
              el.setAttribute('data-rendered', String(shapes));
            });
            chart.setOption(spec.option);
            charts.push(chart);
          } catch (e) {
            el.className += ' failed';
            el.textContent = 'This chart could not be drawn: ' + e;
            console.error('fracnet report: chart ' + spec.id + ' could not be drawn', e);
          }
        });
        window.addEventListener('resize', function () {
          charts.forEach(function (c) { c.resize(); });
        });
      })();
      """;

  private PageAssets() {}
}

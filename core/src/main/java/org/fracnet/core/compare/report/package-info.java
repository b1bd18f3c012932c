/**
 * The HTML report of {@code compare}: {@link org.fracnet.core.compare.report.HtmlReport} turns the
 * results tree ({@code results.json}) into one self-contained page, with the verdict first, the
 * charts drawn by Apache ECharts (inlined from the {@code org.webjars.npm:echarts} WebJar, which
 * fracnet-core declares optional) and the metric tables. The page loads nothing from the network.
 * Library users write the report with {@code ComparisonResult.write}; this package is public for
 * that call and for the report's tests, and takes Jackson's tree of {@code results.json}.
 */
package org.fracnet.core.compare.report;

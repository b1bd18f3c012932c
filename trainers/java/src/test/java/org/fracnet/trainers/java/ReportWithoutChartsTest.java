package org.fracnet.trainers.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.fracnet.core.Fracnet;
import org.fracnet.core.SettingsException;
import org.fracnet.core.compare.Budget;
import org.fracnet.core.compare.Candidate;
import org.fracnet.core.compare.CompareConfig;
import org.fracnet.core.compare.CompareListener;
import org.fracnet.core.compare.ComparisonResult;
import org.fracnet.core.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fracnet-core declares the chart library optional, and this module's class path lacks it, as a
 * library user's may: writing the report must then fail before it writes anything.
 */
class ReportWithoutChartsTest {
  @TempDir
  Path dir;

  @Test
  void aMissingChartLibraryFailsTheReportBeforeAnyFileIsWritten() {
    assertThat(getClass().getClassLoader().getResource("META-INF/maven/org.webjars.npm/echarts/pom.properties"))
        .as("the chart library is not on this module's class path").isNull();
    ComparisonResult result = Fracnet.discover().compare(new TeacherData(4, 3, 0, 7).sample(60, 3),
        CompareConfig.builder().candidates(List.of(Candidate.of("cross-entropy"))).folds(2).budget(Budget.QUICK)
            .training(TrainingConfig.builder().epochs(3).build()).build(), CompareListener.NONE);
    Path report = dir.resolve("report");
    assertThatThrownBy(() -> result.write(report)).isInstanceOf(SettingsException.class)
        .hasMessageContaining("org.webjars.npm:echarts");
    assertThat(report).doesNotExist();
    assertThat(result.summaryMarkdown()).contains("cross-entropy"); // what needs no charts still works
    assertThat(result.toJson()).contains("\"candidates\"");
  }
}

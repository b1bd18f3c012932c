package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fracnet.losses.tck.LossContract;
import org.junit.jupiter.api.Test;

/**
 * The plugin guide, pasted into a fresh project: its pom.xml, classes, test class and services
 * file taken verbatim from docs/plugins.md, built offline with {@code mvn verify}. The contract tests must run, one per check and named after it.
 */
class PluginGuideIT {
  static final String DOC = "docs/plugins.md";
  private static final String PACKAGE_DIR = "org/example/hellinger/";

  @Test
  void thePomOfThePluginGuideBuildsThePluginAndRunsTheContractTests() throws Exception {
    Path doc = ConsumerProject.sourceFile(DOC);
    String pom = ConsumerProject.codeBlock(doc, "xml", "<artifactId>hellinger-loss</artifactId>");
    assertThat(pom).as("the fracnet-bom version in " + DOC)
        .contains("<version>" + ConsumerProject.version() + "</version>");
    ConsumerProject project = ConsumerProject.create("plugin-guide")
        .write("pom.xml", pom)
        .write("src/test/java/" + PACKAGE_DIR + "HellingerContractTest.java",
            ConsumerProject.codeBlock(doc, "java", "class HellingerContractTest extends LossContractTest"))
        .write("src/main/resources/META-INF/services/org.fracnet.core.spi.LossProvider",
            ConsumerProject.codeBlock(doc, "", "HellingerLossProvider"));
    for (String name : PluginJar.SOURCES.keySet()) {
      project.write("src/main/java/" + PACKAGE_DIR + name, PluginJar.source(name));
    }

    ConsumerProject.succeeded(project.maven("verify"));

    String report = Files.readString(project.dir().resolve(
        "target/surefire-reports/TEST-org.example.hellinger.HellingerContractTest.xml"));
    assertThat(attribute(report, "tests")).as("tests run").isEqualTo(String.valueOf(LossContract.CHECKS.size()));
    assertThat(attribute(report, "failures")).isEqualTo("0");
    assertThat(testNames(report)).as("test names, one per check")
        .containsExactlyInAnyOrderElementsOf(LossContract.CHECKS.stream().map(PluginGuideIT::camelCase).toList());
    try (JarFile jar = new JarFile(project.dir().resolve("target/hellinger-loss.jar").toFile())) {
      assertThat(jar.getEntry("META-INF/services/org.fracnet.core.spi.LossProvider")).isNotNull();
      assertThat(jar.getEntry(PACKAGE_DIR + "HellingerLoss.class")).isNotNull();
    }
  }

  private static String attribute(String report, String name) {
    Matcher m = Pattern.compile("<testsuite [^>]*\\b" + name + "=\"([^\"]*)\"").matcher(report);
    assertThat(m.find()).as("attribute %s of <testsuite>", name).isTrue();
    return m.group(1);
  }

  private static List<String> testNames(String report) {
    return Pattern.compile("<testcase name=\"([^\"]*)\"").matcher(report).results().map(r -> r.group(1)).toList();
  }

  /** {@code gradient-matches-central-differences} -> {@code gradientMatchesCentralDifferences}. */
  private static String camelCase(String kebab) {
    StringBuilder s = new StringBuilder();
    for (String part : kebab.split("-")) {
      s.append(s.length() == 0 ? part : part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1));
    }
    return s.toString();
  }
}

package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The complete example of docs/library.md in a fresh Maven project made of the page's pom.xml,
 * which imports fracnet-bom and depends on {@link #ARTIFACTS}: compiled offline against this build's artifacts and run, with no
 * ND4J (and none of what core used to drag in) on its class path.
 */
class LibraryExampleIT {
  /** The page whose one {@code ```java} block with a {@code main} is the example. */
  static final String DOC = "docs/library.md";

  /** What the example's project depends on (and the page lists), versions from fracnet-bom. */
  static final List<String> ARTIFACTS = List.of("fracnet-core", "fracnet-loss-cross-entropy", "fracnet-trainer-java");

  @Test
  void theCompleteExampleCompilesAndRunsWithoutNativeCode() throws Exception {
    Path doc = ConsumerProject.sourceFile(DOC);
    String source = ConsumerProject.codeBlock(doc, "java", "static void main");
    String pom = ConsumerProject.codeBlock(doc, "xml", "<artifactId>fracnet-bom</artifactId>");
    assertThat(pom).as("the fracnet-bom version in " + DOC).contains("<version>" + ConsumerProject.version() + "</version>");
    for (String artifact : ARTIFACTS) {
      assertThat(pom).as("the dependencies that " + DOC + " lists").contains("<artifactId>" + artifact + "</artifactId>");
    }
    assertThat(pom).contains("</plugins>");
    String packageName = find("(?m)^package ([\\w.]+);", source, "");
    String className = find("(?m)^public (?:final )?class (\\w+)", source, null);
    String mainClass = packageName.isEmpty() ? className : packageName + "." + className;
    ConsumerProject project = ConsumerProject.create("library-example")
        // the page's pom.xml as it stands, plus a plugin that writes the class path for the run below
        .write("pom.xml", pom.replace("</plugins>", ConsumerProject.WRITE_CLASSPATH + "</plugins>"))
        .write("src/main/java/" + mainClass.replace('.', '/') + ".java", source);

    ConsumerProject.succeeded(project.maven("compile"));

    List<String> classPath = project.compileClassPath();
    for (String artifact : ARTIFACTS) {
      assertThat(classPath).as("the class path").anyMatch(e -> e.replace('\\', '/').contains("/org/fracnet/" + artifact + "/"));
    }
    assertThat(classPath).as("the class path of a project without the nd4j trainer")
        .noneMatch(e -> e.contains("nd4j") || e.contains("bytedeco") || e.contains("openblas"))
        .noneMatch(e -> e.contains("guice") || e.contains("guava") || e.contains("commons-math"));

    List<String> run = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp"));
    List<String> entries = new ArrayList<>(List.of(project.dir().resolve("target/classes").toString()));
    entries.addAll(classPath);
    run.add(String.join(File.pathSeparator, entries));
    run.add(mainClass);
    Cli.Result r = Cli.runCommand(project.dir(), Map.of(), 5, run);
    assertThat(r.exitCode()).as("exit status of %s; stderr:%n%s", mainClass, r.err()).isZero();
    assertThat(r.out()).as("what %s printed", mainClass).contains("car bus bike walk train ferry")
        .contains("mean predictor").contains("reloaded: ");
    String body = source.substring(source.indexOf("static void main"));
    long statements = body.chars().filter(c -> c == ';').count();
    assertThat(statements).as("statements in main: train, predict, evaluate, save and reload").isLessThanOrEqualTo(15);
  }

  private static String find(String regex, String text, String otherwise) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (m.find()) {
      return m.group(1);
    }
    assertThat(otherwise).as("%s in the example", regex).isNotNull();
    return otherwise;
  }
}

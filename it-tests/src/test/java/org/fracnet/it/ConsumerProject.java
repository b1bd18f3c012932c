package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh Maven project outside the reactor, as a user would start one, built offline: fracnet's
 * artifacts come from the repository that the invoker plugin stages from this build
 * ({@code target/it-repo}), everything else (plugins, third-party jars) from the local repository
 * of the build itself, read as a file repository with snapshots disabled, so that no fracnet
 * SNAPSHOT installed there by an earlier {@code mvn install} can stand in for this build's.
 */
final class ConsumerProject {
  /** The id of the file repository that serves plugins and third-party artifacts. */
  private static final String CACHE_ID = "build-local-repository";

  private final Path dir;

  private ConsumerProject(Path dir) {
    this.dir = dir;
  }

  /** A new, empty project folder under {@code target/consumers}, named after the test. */
  static ConsumerProject create(String name) throws IOException {
    Path parent = Files.createDirectories(Path.of(property("fracnet.consumers")));
    Path dir = Files.createTempDirectory(parent, name + "-");
    // Its own .mvn, so that Maven takes this folder as the project's root and reads no
    // .mvn/maven.config of a folder above it.
    Files.createDirectories(dir.resolve(".mvn"));
    return new ConsumerProject(dir);
  }

  Path dir() {
    return dir;
  }

  /** The project version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    return property("fracnet.version");
  }

  /** A file of the fracnet source tree, e.g. {@code docs/plugins.md}. */
  static Path sourceFile(String relative) {
    return Path.of(property("fracnet.root")).resolve(relative);
  }

  /** Writes {@code text} to {@code relative} in the project, creating folders. */
  ConsumerProject write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return this;
  }

  /**
   * A pom.xml importing fracnet-bom, with the plugins of a {@code mvn verify} pinned to versions
   * this build has already fetched, plus {@code dependencies} and {@code plugins} (XML).
   */
  static String pom(String artifactId, String dependencies, String plugins) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example</groupId>
          <artifactId>%s</artifactId>
          <version>1.0</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>org.fracnet</groupId><artifactId>fracnet-bom</artifactId><version>%s</version>
                <type>pom</type><scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
        %s
          </dependencies>
          <build>
            <plugins>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
              <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
        %s
            </plugins>
          </build>
        </project>
        """.formatted(artifactId, version(), dependencies, plugins);
  }

  /** {@code <dependency>} elements for fracnet artifacts, versions from the BOM. */
  static String fracnetDependencies(List<String> artifactIds) {
    StringBuilder xml = new StringBuilder();
    for (String id : artifactIds) {
      xml.append("    <dependency><groupId>org.fracnet</groupId><artifactId>").append(id)
          .append("</artifactId></dependency>\n");
    }
    return xml.toString();
  }

  /** A plugin execution that writes the compile class path to {@code target/classpath.txt}. */
  static final String WRITE_CLASSPATH = """
            <plugin>
              <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
              <executions><execution>
                <id>classpath</id><phase>compile</phase><goals><goal>build-classpath</goal></goals>
                <configuration><outputFile>${project.build.directory}/classpath.txt</outputFile></configuration>
              </execution></executions>
            </plugin>
      """;

  /**
   * The fenced code blocks of a Markdown file whose info string is {@code language} ({@code xml},
   * {@code java}; {@code ""} for a fence without one).
   */
  static List<String> codeBlocks(Path markdown, String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    String blockLanguage = null;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (block == null && line.startsWith("```")) {
        block = new StringBuilder();
        blockLanguage = line.substring(3).strip();
      } else if (block != null && line.strip().equals("```")) {
        if (blockLanguage.equals(language)) {
          blocks.add(block.toString());
        }
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  /** The one block in {@code language} that contains {@code marker}; fails unless exactly one does. */
  static String codeBlock(Path markdown, String language, String marker) throws IOException {
    List<String> matching = codeBlocks(markdown, language).stream().filter(b -> b.contains(marker)).toList();
    assertThat(matching).as("```%s blocks of %s containing '%s'", language, markdown, marker).hasSize(1);
    return matching.get(0);
  }

  /**
   * Runs {@code mvn -o} with {@code args} in the project and returns what it printed; fails the
   * test if the build pulled a fracnet artifact from anywhere but this build.
   */
  Cli.Result maven(String... args) throws IOException, InterruptedException {
    Path settings = writeSettings();
    List<String> command = new ArrayList<>(List.of(
        Path.of(property("maven.home"), "bin", "mvn").toString(), "-o", "-B", "-ntp", "-s", settings.toString(),
        // -o blocks every remote repository, also file: ones, unless their protocol is allowed.
        "-Daether.offline.protocols=file"));
    command.addAll(List.of(args));
    Cli.Result r = Cli.runCommand(dir, Map.of("JAVA_HOME", System.getProperty("java.home")), 5, command);
    Files.writeString(dir.resolve("maven-output.txt"), r.out() + r.err());
    assertNoFracnetArtifactFromTheCache();
    return r;
  }

  /** Fails with the end of Maven's output unless the build succeeded. */
  static Cli.Result succeeded(Cli.Result r) {
    String out = r.out();
    assertThat(r.exitCode()).as("mvn exit status; its output ended with:%n%s",
        out.substring(Math.max(0, out.length() - 6000))).isZero();
    return r;
  }

  /** The compile class path written by {@link #WRITE_CLASSPATH}. */
  List<String> compileClassPath() throws IOException {
    String cp = Files.readString(dir.resolve("target/classpath.txt")).strip();
    return cp.isEmpty() ? List.of() : List.of(cp.split(java.io.File.pathSeparator));
  }

  private static Path writeSettings() throws IOException {
    return writeOfflineSettings(Path.of(property("fracnet.consumers"), "settings.xml"), stagedRepository());
  }

  /**
   * Writes to {@code settings} a Maven settings file for an offline build ({@code -o
   * -Daether.offline.protocols=file}) whose local repository is {@code localRepository} and whose
   * only remote repository, for plugins and third-party artifacts, is the local repository of this
   * build, read as a file repository with snapshots disabled.
   */
  static Path writeOfflineSettings(Path settings, Path localRepository) throws IOException {
    String cache = Path.of(property("fracnet.mavenRepo")).toUri().toString();
    // this build's repository takes Central's id and mirrors every other one
    String repository = """
              <id>%s</id><url>%s</url>
              <releases><checksumPolicy>ignore</checksumPolicy></releases>
              <snapshots><enabled>false</enabled></snapshots>
        """.formatted("central", cache);
    Files.writeString(settings, """
        <settings>
          <localRepository>%s</localRepository>
          <mirrors>
            <mirror><id>%s</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
          </mirrors>
          <profiles>
            <profile>
              <id>releases-only</id>
              <repositories><repository>%s</repository></repositories>
              <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>releases-only</activeProfile></activeProfiles>
        </settings>
        """.formatted(localRepository, CACHE_ID, cache, repository, repository));
    return settings;
  }

  private static Path stagedRepository() throws IOException {
    Path repo = Path.of(property("fracnet.itRepo"));
    assertThat(repo.resolve("org/fracnet/fracnet-bom")).as("fracnet-bom staged by the invoker plugin").isDirectory();
    if (!stagedJarsChecked) {
      assertStagedJarsAreThisBuilds(repo);
      stagedJarsChecked = true;
    }
    return repo;
  }

  private static boolean stagedJarsChecked;

  /**
   * Each staged fracnet jar must be the one in a module's target folder: without {@code -am} the
   * invoker plugin would stage the SNAPSHOTs of the local repository instead.
   */
  private static void assertStagedJarsAreThisBuilds(Path repo) throws IOException {
    Path root = Path.of(property("fracnet.root"));
    PathMatcher moduleJar = root.getFileSystem().getPathMatcher("glob:{*,*/*}/target/*.jar");
    List<Path> built;
    try (Stream<Path> files = Files.walk(root, 4)) {
      built = files.filter(p -> moduleJar.matches(root.relativize(p))).toList();
    }
    try (Stream<Path> staged = Files.walk(repo.resolve("org/fracnet"))) {
      for (Path jar : staged.filter(p -> p.toString().endsWith(".jar")).toList()) {
        String name = jar.getFileName().toString();
        if (name.startsWith("fracnet-it-tests-")) {
          continue;
        }
        Path same = built.stream().filter(b -> b.getFileName().toString().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError(name + " is staged but no module of this build made it; build with -am"));
        assertThat(Files.mismatch(jar, same)).as("%s staged vs %s (build with -am)", jar, same).isEqualTo(-1L);
      }
    }
  }

  /** Maven notes where it got a file in {@code _remote.repositories}; the staged ones name no repository. */
  private static void assertNoFracnetArtifactFromTheCache() throws IOException {
    try (Stream<Path> files = Files.walk(stagedRepository().resolve("org/fracnet"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("_remote.repositories")).toList()) {
        assertThat(Files.readString(f)).as("%s: a fracnet artifact that this build did not stage", f)
            .doesNotContain(CACHE_ID);
      }
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s (set by it-tests/pom.xml)", name).isNotNull();
    return value;
  }
}

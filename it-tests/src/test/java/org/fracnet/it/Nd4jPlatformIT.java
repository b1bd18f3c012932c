package org.fracnet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * docs/platforms.md: a consumer of fracnet-trainer-nd4j picks the native platform with one line in
 * its .mvn/maven.config, and every native jar (fracnet's choice and ND4J's own) follows.
 */
class Nd4jPlatformIT {
  @Test
  void javacppPlatformInMavenConfigSwitchesEveryNativeJar() throws Exception {
    ConsumerProject project = ConsumerProject.create("nd4j-platform")
        .write("pom.xml", ConsumerProject.pom("nd4j-platform",
            ConsumerProject.fracnetDependencies(java.util.List.of("fracnet-trainer-nd4j")), ConsumerProject.WRITE_CLASSPATH))
        .write(".mvn/maven.config", "-Djavacpp.platform=linux-arm64\n");

    // The tree needs the POMs only, so no linux-arm64 jar has to be at hand.
    ConsumerProject.succeeded(project.maven("dependency:tree", "-DoutputFile=target/tree.txt"));

    String tree = Files.readString(project.dir().resolve("target/tree.txt"));
    assertThat(tree).contains("org.nd4j:nd4j-native:jar:linux-arm64:", "org.bytedeco:openblas:jar:linux-arm64:",
        "org.bytedeco:javacpp:jar:linux-arm64:", "org.nd4j:nd4j-native-preset:jar:linux-arm64:")
        .doesNotContain("linux-x86_64");
  }
}

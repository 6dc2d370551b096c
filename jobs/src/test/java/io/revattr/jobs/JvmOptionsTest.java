package io.revattr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * The launchers and the test JVMs carry every JVM option Spark itself declares for Java 17, read
 * from Spark's launcher rather than from a copy.
 */
class JvmOptionsTest {
  private static final List<String> SPARK_OPTIONS =
      List.of(JavaModuleOptions.defaultModuleOptionArray());

  @Test
  void launcherOptionsFileHasSparksList() throws IOException {
    Path file = Path.of(System.getProperty("revattr.home"), "conf", "jvm-options");
    List<String> options =
        Files.readAllLines(file).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(options).containsAll(SPARK_OPTIONS);
    // The credits' generated code exceeds the JIT's default limit on method size.
    assertThat(options).contains("-XX:-DontCompileHugeMethods");
  }

  @Test
  void testJvmRunsWithSparksList() {
    List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    assertThat(jvmArguments).containsAll(SPARK_OPTIONS);
  }
}

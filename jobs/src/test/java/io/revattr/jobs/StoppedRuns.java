package io.revattr.jobs;

import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.generate.SampleWarehouse;
import io.revattr.testsupport.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A small clean generated warehouse (Parquet), its copies with a table left out for a test to write
 * its own, and runs of them from the command line, for the tests of runs that stop before they
 * write.
 */
final class StoppedRuns {
  private final SparkSession spark = SharedSpark.spark();
  private final Path dir;
  private final Path warehouse;

  /** Generates the warehouse under {@code dir}, where its copies go too. */
  StoppedRuns(Path dir) {
    this.dir = dir;
    this.warehouse = dir.resolve("clean");
    GenerateCommand.write(
        spark, new SampleWarehouse(spark, 5, 3, 1), warehouse.toString(), "parquet");
  }

  SparkSession spark() {
    return spark;
  }

  /** The clean warehouse (read only). */
  Path warehouse() {
    return warehouse;
  }

  /** A run of the command line on {@code input}; its exit code. */
  static int run(Path input, Path output, CapturedConsole c) {
    return RevattrMain.run(RunCommandLine.of(input, output), c.console);
  }

  /** A run with a config file of the given text; its exit code. */
  int runWithConfig(Path input, Path output, String config, CapturedConsole c) throws IOException {
    Path conf = Files.createTempFile(dir, "run", ".conf");
    Files.writeString(conf, config);
    return RevattrMain.run(RunCommandLine.of(input, output, "--conf", conf.toString()), c.console);
  }

  /** A copy of the clean warehouse without {@code table}. */
  Path copyWithout(String table) throws IOException {
    Path copy = Files.createTempDirectory(dir, "input");
    try (Stream<Path> files = Files.walk(warehouse)) {
      for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
        Path relative = warehouse.relativize(source);
        if (relative.toString().startsWith(table)) {
          continue;
        }
        Path target = copy.resolve(relative.toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    return copy;
  }
}

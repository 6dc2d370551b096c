package io.revattr.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.testsupport.SharedSpark;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session a command gets when its JVM already has one (as in the tests, or an application that
 * calls revattr's commands): in UTC whatever the session was set to, and, in the tests, with the
 * test session's settings rather than the embedded defaults.
 */
class CommandSessionTest {
  private static final String TIME_ZONE = "spark.sql.session.timeZone";

  @TempDir Path dir;

  @Test
  void aCommandsSessionIsInUtcWhateverTheRunningSessionWasSetTo() {
    SparkSession spark = SharedSpark.spark();
    spark.conf().set(TIME_ZONE, "Europe/Paris");
    try {
      SparkSession command = SparkSessions.getOrCreate("revattr test", dir.toString());
      assertThat(command.conf().get(TIME_ZONE)).isEqualTo("UTC");
    } finally {
      spark.conf().set(TIME_ZONE, "UTC");
    }
  }

  @Test
  void aCommandStartedInATestKeepsTheTestSessionsSettings() {
    SparkSession command = SparkSessions.getOrCreate("revattr test", dir.toString());

    assertThat(command).isSameAs(SharedSpark.spark());
    assertThat(command.conf().get("spark.sql.shuffle.partitions")).isEqualTo("2");
    assertThat(command.conf().get("spark.sql.adaptive.enabled")).isEqualTo("false");
    assertThat(command.conf().get("spark.databricks.delta.snapshotPartitions")).isEqualTo("1");
  }
}

package io.revattr.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {
  private static final String DELTA = "io.delta.sql.DeltaSparkSessionExtension";

  @Test
  void deltaExtensionIsTheOnlyOneWhenTheClusterHasNone() {
    assertThat(SparkSessions.withDeltaExtension("")).isEqualTo(DELTA);
  }

  @Test
  void clusterExtensionsStayAndDeltaIsAddedAfterThem() {
    assertThat(SparkSessions.withDeltaExtension("com.example.Ext, org.example.Other"))
        .isEqualTo("com.example.Ext,org.example.Other," + DELTA);
  }

  @Test
  void deltaExtensionIsNotAddedTwice() {
    assertThat(SparkSessions.withDeltaExtension(DELTA + ",com.example.Ext"))
        .isEqualTo(DELTA + ",com.example.Ext");
  }
}

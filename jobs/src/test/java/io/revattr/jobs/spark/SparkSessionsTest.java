package io.revattr.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.spark.SparkConf;
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

  @Test
  void withoutAMasterEveryLocalDefaultAndTheWarehouseApply() {
    assertThat(SparkSessions.embeddedSettings(conf(), defaults(), "/out/catalog"))
        .isEqualTo(
            Map.of(
                "spark.master", "local[*]",
                "spark.ui.enabled", "false",
                "spark.driver.host", "127.0.0.1",
                "spark.sql.warehouse.dir", "/out/catalog"));
  }

  @Test
  void aLocalMasterGivenToChooseTheCoresKeepsTheOtherDefaults() {
    SparkConf existing = conf().set("spark.master", "local[1]").set("spark.ui.enabled", "true");
    assertThat(SparkSessions.embeddedSettings(existing, defaults(), "/out/catalog"))
        .isEqualTo(
            Map.of(
                "spark.driver.host", "127.0.0.1",
                "spark.sql.warehouse.dir", "/out/catalog"));
  }

  @Test
  void aClustersMasterTakesNoLocalDefault() {
    SparkConf existing = conf().set("spark.master", "spark://127.0.0.1:7077");
    assertThat(SparkSessions.embeddedSettings(existing, defaults(), "/out/catalog")).isEmpty();
  }

  /** A configuration that does not read this JVM's system properties. */
  private static SparkConf conf() {
    return new SparkConf(false);
  }

  private static Properties defaults() {
    Properties local = new Properties();
    local.setProperty("spark.master", "local[*]");
    local.setProperty("spark.ui.enabled", "false");
    local.setProperty("spark.driver.host", "127.0.0.1");
    return local;
  }
}

package io.revattr.jobs.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.revattr.common.datadriven.PathAttribution;
import io.revattr.common.datadriven.PathAttribution.ChannelResult;
import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.cli.Console;
import io.revattr.testsupport.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code revattr paths} on the peers' path-data.csv (10,000 paths, 12 channels), checked against
 * {@link PathDataReference}'s independent computations.
 */
class PathsCommandTest {
  @TempDir static Path dir;

  private static PathDataReference reference;
  private static Map<String, double[]> firstOrder;

  @BeforeAll
  static void runFirstOrder() throws Exception {
    SharedSpark.spark();
    reference = new PathDataReference(PathDataReference.pathDataCsv());
    assertThat(run("--output", dir.resolve("first").toString())).isZero();
    firstOrder = readChannels(dir.resolve("first/channels.csv"));
  }

  @Test
  void firstOrderRemovalEffectsAgreeWithValueIteration() {
    assertThat(firstOrder.keySet()).containsExactlyInAnyOrderElementsOf(reference.channels);
    for (String channel : reference.channels) {
      assertThat(firstOrder.get(channel)[0])
          .as(channel)
          .isCloseTo(reference.removalEffect(1, channel), within(1e-9));
    }
  }

  @Test
  void attributedConversionsAndValueAddUpToTheTotals() {
    double markov = 0;
    double markovValue = 0;
    double shapley = 0;
    for (double[] c : firstOrder.values()) {
      markov += c[1];
      markovValue += c[2];
      shapley += c[4];
      assertThat(c[4]).isGreaterThanOrEqualTo(0);
    }
    assertThat(reference.totalConversions()).isEqualTo(19_785.0);
    assertThat(markov).isCloseTo(reference.totalConversions(), within(1e-6));
    assertThat(shapley).isCloseTo(reference.totalConversions(), within(1e-6));
    assertThat(markovValue).isCloseTo(reference.totalValue(), within(1e-6));
  }

  @Test
  void shapleyValuesAgreeWithTheSumOverEverySubset() {
    Map<String, Double> textbook = reference.shapleyValues();
    double sum = 0;
    for (String channel : reference.channels) {
      assertThat(firstOrder.get(channel)[3])
          .as(channel)
          .isCloseTo(textbook.get(channel), within(1e-12));
      sum += firstOrder.get(channel)[3];
    }
    // Efficiency over the observed coalitions: v(all channels) - v(empty), v(empty) = 0.
    assertThat(sum).isCloseTo(reference.valueOfAllChannels(), within(1e-12));
  }

  @Test
  void secondOrderChainAgreesWithValueIterationAndTheConversionTotal() {
    PathAttribution.Result result = onPeerPaths(2);
    double paths = reference.totalConversions() + reference.totalNulls();
    // The chain estimated from complete paths reproduces the observed conversions exactly.
    assertThat(result.conversionProbability() * paths)
        .isCloseTo(reference.totalConversions(), within(1e-6));
    assertThat(result.conversionProbability())
        .isCloseTo(reference.conversionProbability(2, null), within(1e-12));
    double attributed = 0;
    for (ChannelResult c : result.channels()) {
      assertThat(c.removalEffect())
          .as(c.channel())
          .isCloseTo(reference.removalEffect(2, c.channel()), within(1e-9));
      attributed += c.markovConversions();
    }
    assertThat(attributed).isCloseTo(reference.totalConversions(), within(1e-6));
  }

  @Test
  void thirdOrderRemovalEffectsAgreeWithAnIndependentSolve() {
    // 790 transient states; solved apart from this project's code, by Gauss-Seidel iteration of
    // x_s = (conversions_s + sum_t moves_st x_t) / leaving_s to a change below 1e-16.
    Map<String, Double> expected =
        Map.ofEntries(
            Map.entry("alpha", 0.5457269707768095),
            Map.entry("beta", 0.22538459900025687),
            Map.entry("delta", 0.0005008487859607946),
            Map.entry("epsilon", 0.05841502322894376),
            Map.entry("eta", 0.3186889716049698),
            Map.entry("gamma", 0.016965920375493382),
            Map.entry("iota", 0.3551317606572274),
            Map.entry("kappa", 0.024755374837461264),
            Map.entry("lambda", 0.10716403022792387),
            Map.entry("mi", 0.00020217336365968563),
            Map.entry("theta", 0.17023152223762983),
            Map.entry("zeta", 0.03427948846904494));
    PathAttribution.Result result = onPeerPaths(3);
    assertThat(result.conversionProbability()).isCloseTo(0.22384513559686384, within(1e-12));
    assertThat(result.channels()).hasSize(expected.size());
    for (ChannelResult c : result.channels()) {
      assertThat(c.removalEffect())
          .as(c.channel())
          .isCloseTo(expected.get(c.channel()), within(1e-9));
    }
  }

  /** Both models at the given Markov order on the peers' path-data.csv, as read by Spark. */
  private static PathAttribution.Result onPeerPaths(int order) {
    return PathAttribution.compute(
        SharedSpark.spark()
            .read()
            .option("header", "true")
            .csv(PathDataReference.pathDataCsv().toString()),
        "path-data.csv",
        order);
  }

  @Test
  void columnNamesMatchIgnoringLetterCaseButNotTwice() {
    StructType upperCase =
        new StructType()
            .add("PATH", DataTypes.StringType)
            .add("Total_Conversions", DataTypes.StringType)
            .add("TOTAL_CONVERSION_VALUE", DataTypes.StringType)
            .add("total_null", DataTypes.StringType);
    List<Row> rows =
        List.of(RowFactory.create("a > b", "2", "30", "1"), RowFactory.create("b", "1", "5", "3"));
    StructType lowerCase = new StructType();
    for (String column : PathAttribution.REQUIRED_COLUMNS) {
      lowerCase = lowerCase.add(column, DataTypes.StringType);
    }
    SparkSession spark = SharedSpark.spark();

    assertThat(PathAttribution.compute(spark.createDataFrame(rows, upperCase), "upper.csv", 1))
        .isEqualTo(PathAttribution.compute(spark.createDataFrame(rows, lowerCase), "lower.csv", 1));
    StructType twice = lowerCase.add("Path", DataTypes.StringType);
    List<Row> twiceRows = List.of(RowFactory.create("a > b", "2", "30", "1", "b"));
    assertThatThrownBy(
            () -> PathAttribution.compute(spark.createDataFrame(twiceRows, twice), "twice.csv", 1))
        .hasMessageContaining("it has the column path twice, ignoring letter case: [path, Path]");
  }

  @Test
  void twoRunsWriteTheSameFile() throws Exception {
    assertThat(run("--output", dir.resolve("again").toString())).isZero();
    assertThat(Files.readAllBytes(dir.resolve("again/channels.csv")))
        .isEqualTo(Files.readAllBytes(dir.resolve("first/channels.csv")));
  }

  @Test
  void fileWithoutTheCountsStopsWithExitThree() throws Exception {
    // Brackets in the name: the file is read as named, not as a glob pattern.
    Path bad = dir.resolve("bad [1].csv");
    Files.writeString(bad, "path,conversions\na > b,1\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console =
        new Console(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int code =
        RevattrMain.run(
            List.of("paths", "--input", bad.toString(), "--output", dir.resolve("x").toString()),
            console);
    assertThat(code).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("cannot be used: it lacks the column(s) [total_conversions,");
  }

  private static int run(String... output) {
    Console quiet =
        new Console(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    List<String> args =
        new java.util.ArrayList<>(
            List.of("paths", "--input", PathDataReference.pathDataCsv().toString()));
    args.addAll(List.of(output));
    return RevattrMain.run(args, quiet);
  }

  /** channel -> removal_effect, markov_conversions, markov_value, shapley_value, shapley_conv. */
  static Map<String, double[]> readChannels(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo(String.join(",", PathsCommand.CHANNELS_COLUMNS));
    Map<String, double[]> channels = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      double[] values = new double[5];
      for (int i = 0; i < 5; i++) {
        values[i] = Double.parseDouble(cells[i + 1]);
      }
      channels.put(cells[0], values);
    }
    return channels;
  }
}

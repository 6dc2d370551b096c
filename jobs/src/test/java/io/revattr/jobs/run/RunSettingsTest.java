package io.revattr.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.revattr.common.config.RevattrConfig;
import io.revattr.common.config.RevattrConfig.Mapping;
import io.revattr.jobs.RevattrMain;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.io.InputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s model and journey options: the command line beats the file, checked up front. */
class RunSettingsTest {
  @TempDir Path dir;

  @Test
  void commandLineOptionsBeatTheConfigFile() throws IOException {
    Path conf = dir.resolve("my.conf");
    Files.writeString(
        conf,
        "revattr { journey { mapping = contact_roles, lookback_days = 10 }\n"
            + "  models.enabled = [linear, time_decay] }");

    RevattrConfig fromFile = settings("--conf", conf.toString()).config();
    assertThat(fromFile.journey().mapping()).isEqualTo(Mapping.CONTACT_ROLES);
    assertThat(fromFile.journey().lookbackDays()).isEqualTo(OptionalInt.of(10));
    assertThat(fromFile.models().enabled()).containsExactly("linear", "time_decay");

    RevattrConfig overridden =
        settings(
                "--conf", conf.toString(),
                "--mapping", "primary_contact",
                "--lookback-days", "30",
                "--models", "first_touch, u_shaped")
            .config();
    assertThat(overridden.journey().mapping()).isEqualTo(Mapping.PRIMARY_CONTACT);
    assertThat(overridden.journey().lookbackDays()).isEqualTo(OptionalInt.of(30));
    assertThat(overridden.models().enabled()).containsExactly("first_touch", "u_shaped");
  }

  @Test
  void badModelOptionStopsTheRunBeforeSparkOrAnyOutput() throws IOException {
    Path output = dir.resolve("out");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        RevattrMain.run(
            List.of(
                "run",
                "--input",
                dir.toString(),
                "--output",
                output.toString(),
                "--as-of",
                "2024-12-31",
                "--models",
                "first_touch,markov_chain"),
            new Console(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "revattr: Config key 'models.enabled' has the bad value 'markov_chain'; allowed: model names [");
    assertThat(output).doesNotExist();
  }

  @Test
  void unknownKeyInTheFileStopsTheRun() throws IOException {
    Path conf = dir.resolve("typo.conf");
    Files.writeString(conf, "revattr.journey.maping = account");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        RevattrMain.run(
            List.of(
                "run",
                "--input",
                dir.toString(),
                "--output",
                dir.resolve("out").toString(),
                "--as-of",
                "2024-12-31",
                "--conf",
                conf.toString()),
            new Console(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("revattr: Config key 'revattr.journey.maping' is not known.");
  }

  @Test
  void theAsOfDateEndsWithTheLastMicrosecondOfItsUtcDay() throws IOException {
    // --as-of 2024-12-31 means up to and including 2024-12-31T23:59:59.999999Z: Spark's timestamps
    // count microseconds, so that is the last instant of the day, and the next one is midnight.
    assertThat(settings().asOfEnd()).isEqualTo(Instant.parse("2024-12-31T23:59:59.999999Z"));
    RunSettings leapDay =
        new RunSettings(
            null, null, InputFormat.PARQUET, null, null, LocalDate.of(2024, 2, 29), null);
    assertThat(leapDay.asOfEnd()).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999Z"));
  }

  @Test
  void uriLocationsTakeHadoopsFormAndAColonWithoutASlashIsALocalName() {
    assertThat(RunCommand.absolute("file:///tmp/out/")).isEqualTo("file:/tmp/out");
    assertThat(RunCommand.absolute("file:/tmp//out")).isEqualTo("file:/tmp/out");
    assertThat(RunCommand.absolute("s3a://bucket/prefix/")).isEqualTo("s3a://bucket/prefix");
    assertThat(RunCommand.absolute("s3a://bucket/")).isEqualTo("s3a://bucket");
    assertThat(RunCommand.absolute("hdfs://namenode:8020/a//b"))
        .isEqualTo("hdfs://namenode:8020/a/b");
    assertThat(RunCommand.absolute("out:1"))
        .isEqualTo(Path.of("").toAbsolutePath().resolve("out:1").toString());
    assertThat(RunCommand.absolute("a/../b/")).isEqualTo(Path.of("b").toAbsolutePath().toString());
  }

  private RunSettings settings(String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                dir.toString(),
                "--output",
                dir.resolve("out").toString(),
                "--as-of",
                "2024-12-31"));
    args.addAll(List.of(extra));
    RunCommand command = new RunCommand();
    CommandParser parser = new CommandParser(command.name(), command.description());
    command.declareOptions(parser);
    Options options = parser.parseArgs(args).orElseThrow();
    return RunCommand.settings(options);
  }
}

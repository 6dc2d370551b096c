package io.revattr.jobs;

import io.revattr.common.error.ErrorKind;
import io.revattr.common.error.Errors;
import io.revattr.common.error.InputErrors;
import io.revattr.common.error.RevattrException;
import io.revattr.jobs.bench.BenchCommand;
import io.revattr.jobs.cli.Command;
import io.revattr.jobs.cli.CommandParser;
import io.revattr.jobs.cli.Console;
import io.revattr.jobs.cli.Options;
import io.revattr.jobs.generate.GenerateCommand;
import io.revattr.jobs.paths.PathsCommand;
import io.revattr.jobs.report.ReportCommand;
import io.revattr.jobs.run.DemoCommand;
import io.revattr.jobs.run.RunCommand;
import io.revattr.jobs.sql.SqlCommand;
import io.revattr.jobs.vacuum.VacuumCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSError;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkThrowable;

/**
 * The command line: {@code revattr <command> [options]}. Exit codes: 0 success, 2 bad usage or
 * config, 3 bad input structure, 4 a run committed but a step after its commit failed, 1 anything
 * else.
 */
public final class RevattrMain {
  private static final Logger LOG = LogManager.getLogger(RevattrMain.class);

  /**
   * The file Hadoop names in a checksum error: {@code Checksum error: <file> at <pos> exp: ...}.
   */
  private static final Pattern CHECKSUM_FILE =
      Pattern.compile("Checksum error: (.+?) at \\d+ exp:");

  private static final String PARQUET_TYPE_MISMATCH =
      "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH";

  /** Every command, in the order {@code --help} lists them. */
  static final List<Command> COMMANDS =
      List.of(
          new DemoCommand(),
          new RunCommand(),
          new SqlCommand(),
          new ReportCommand(),
          new GenerateCommand(),
          new VacuumCommand(),
          new PathsCommand(),
          new BenchCommand());

  private RevattrMain() {}

  /** Runs the command line and exits the JVM with its code. */
  public static void main(String[] args) {
    Console console = Console.system();
    int code = run(Arrays.asList(args), console);
    console.flush();
    System.exit(code);
  }

  /** Runs the command line and returns the exit code, without exiting (tests call this). */
  public static int run(List<String> args, Console console) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      console.println(usage());
      return args.isEmpty() ? ErrorKind.USAGE.exitCode() : 0;
    }
    if (args.get(0).equals("--version") || args.get(0).equals("version")) {
      console.println(RevattrVersion.describe());
      return 0;
    }
    Optional<Command> command =
        COMMANDS.stream().filter(c -> c.name().equals(args.get(0))).findFirst();
    if (command.isEmpty()) {
      console.error(
          "revattr: unknown command '"
              + args.get(0)
              + "'. Run 'revattr --help' for the list of commands.");
      return ErrorKind.USAGE.exitCode();
    }
    CommandParser parser = parser(command.get());
    Optional<Options> options = parser.parseArgs(args.subList(1, args.size()));
    if (options.isEmpty()) {
      if (parser.helpShown()) {
        console.println(parser.displayed().strip());
        return 0;
      }
      parser.errors().forEach(e -> console.error("revattr " + command.get().name() + ": " + e));
      console.error("Run 'revattr " + command.get().name() + " --help' for its options.");
      return ErrorKind.USAGE.exitCode();
    }
    try {
      return command.get().execute(options.get(), console);
    } catch (RevattrException e) {
      LOG.debug("revattr error", e);
      console.error("revattr: " + e.getMessage());
      return e.kind().exitCode();
    } catch (Exception | FSError e) {
      // FSError: how Hadoop's local file system reports a write that failed (a full disk).
      RevattrException known = findKnownCause(e);
      if (known == null) {
        known = inputStructureFailure(e);
      }
      if (known != null && isInputOrUsage(known)) {
        // Its one line says what is wrong and how to fix it: the stack is for debugging only.
        LOG.debug("revattr failed", e);
      } else {
        LOG.error("revattr failed", e);
      }
      if (known != null) {
        console.error("revattr: " + known.getMessage());
        return known.kind().exitCode();
      }
      console.error(failureMessage(e));
      return ErrorKind.FAILURE.exitCode();
    }
  }

  /**
   * The one line an unexpected failure is reported with: the exception and, when it wraps another,
   * the innermost cause.
   */
  static String failureMessage(Throwable e) {
    Throwable root = rootCause(e);
    return "revattr: the command failed: "
        + Errors.describe(e)
        + (root == e ? "" : ". Caused by " + Errors.describe(root))
        + ". The log above has the details.";
  }

  /**
   * The innermost cause: Spark wraps what went wrong (a checksum error, a denied write) in
   * exceptions whose own message does not say it.
   */
  private static Throwable rootCause(Throwable e) {
    List<Throwable> chain = causeChain(e);
    return chain.get(chain.size() - 1);
  }

  /** {@code e} and its causes, outermost first (a cause seen before ends the chain). */
  private static List<Throwable> causeChain(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static CommandParser parser(Command command) {
    CommandParser parser = new CommandParser(command.name(), command.description());
    command.declareOptions(parser);
    return parser;
  }

  private static String usage() {
    StringBuilder text =
        new StringBuilder(
            "revattr: B2B revenue attribution on Apache Spark and Delta Lake.\n\n"
                + "Usage: revattr <command> [options]\n"
                + "       revattr --version  (revattr's, Spark's, Delta Lake's and Java's)\n\n"
                + "Commands:\n");
    for (Command c : COMMANDS) {
      text.append(String.format(Locale.ROOT, "  %-10s %s%n", c.name(), c.description()));
    }
    text.append("\nOptions of each command (revattr <command> --help shows one):\n");
    for (Command c : COMMANDS) {
      text.append('\n').append(parser(c).usage()).append('\n');
    }
    return text.toString().strip();
  }

  /**
   * Spark's report of an input it cannot read as one table (Parquet files that disagree on a
   * column's type) or a file changed after its checksum was written, as the structural error it is;
   * null for any other failure.
   */
  private static RevattrException inputStructureFailure(Throwable e) {
    for (Throwable t : causeChain(e)) {
      if (t instanceof ChecksumException) {
        String message = String.valueOf(t.getMessage());
        Matcher file = CHECKSUM_FILE.matcher(message);
        return InputErrors.staleChecksum(file.find() ? file.group(1) : null, message, t);
      }
      if (t instanceof SparkThrowable spark
          && String.valueOf(spark.getCondition()).startsWith(PARQUET_TYPE_MISMATCH)) {
        return InputErrors.mixedParquetTypes(t.getMessage().lines().findFirst().orElse(""), t);
      }
    }
    return null;
  }

  private static boolean isInputOrUsage(RevattrException e) {
    return e.kind() == ErrorKind.USAGE || e.kind() == ErrorKind.INPUT_STRUCTURE;
  }

  private static RevattrException findKnownCause(Throwable e) {
    return causeChain(e).stream()
        .filter(RevattrException.class::isInstance)
        .map(RevattrException.class::cast)
        .findFirst()
        .orElse(null);
  }
}

package io.revattr.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import scala.util.Either;
import scopt.OptionDef;
import scopt.OptionParser;
import scopt.Read;

/**
 * A scopt parser for one command, usable from Java: errors and usage are collected rather than
 * printed, and {@code --help} or an error never exits the JVM.
 */
public final class CommandParser extends OptionParser<Options> {
  private final List<String> errors = new ArrayList<>();
  private final StringBuilder display = new StringBuilder();
  private boolean terminated;
  private boolean helpRequested;

  /** A parser for {@code revattr <command>}, with {@code --help}. */
  public CommandParser(String command, String description) {
    super("revattr " + command);
    head(seq("revattr " + command + ": " + description));
    help("help").text("print this help and exit");
  }

  /** A string option with a value name, its default (null: none) and its help. */
  public CommandParser string(String name, String valueName, String defaultValue, String help) {
    opt(name, Read.stringRead())
        .valueName(valueName)
        .text(withDefault(help, defaultValue))
        .action((v, o) -> o.set(name, v));
    return this;
  }

  /** A required string option. */
  public CommandParser requiredString(String name, String valueName, String help) {
    opt(name, Read.stringRead())
        .required()
        .valueName(valueName)
        .text(help + " (required)")
        .action((v, o) -> o.set(name, v));
    return this;
  }

  /** A whole-number option that must be at least {@code min}. */
  public CommandParser integer(
      String name, String valueName, int defaultValue, int min, String help) {
    OptionDef<Object, Options> def = opt(name, Read.intRead());
    def.valueName(valueName)
        .text(withDefault(help, String.valueOf(defaultValue)))
        .validate(
            v -> ((Integer) v) >= min ? success() : failure("--" + name + " must be >= " + min))
        .action((v, o) -> o.set(name, v));
    return this;
  }

  /** A whole-number option without a default, that must be at least {@code min}. */
  public CommandParser optionalInteger(String name, String valueName, int min, String help) {
    OptionDef<Object, Options> def = opt(name, Read.intRead());
    def.valueName(valueName)
        .text(help)
        .validate(
            v -> ((Integer) v) >= min ? success() : failure("--" + name + " must be >= " + min))
        .action((v, o) -> o.set(name, v));
    return this;
  }

  /**
   * A decimal option whose value must pass {@code valid}; {@code rule} says which values do, in the
   * error.
   */
  public CommandParser decimal(
      String name,
      String valueName,
      double defaultValue,
      DoublePredicate valid,
      String rule,
      String help) {
    OptionDef<Object, Options> def = opt(name, Read.doubleRead());
    def.valueName(valueName)
        .text(withDefault(help, String.valueOf(defaultValue)))
        .validate(
            v -> valid.test((Double) v) ? success() : failure("--" + name + " must be " + rule))
        .action((v, o) -> o.set(name, v));
    return this;
  }

  /** A long option. */
  public CommandParser longValue(String name, String valueName, long defaultValue, String help) {
    OptionDef<Object, Options> def = opt(name, Read.longRead());
    def.valueName(valueName)
        .text(withDefault(help, String.valueOf(defaultValue)))
        .action((v, o) -> o.set(name, v));
    return this;
  }

  /**
   * A positional argument, optional; several words are joined with spaces, so that an unquoted
   * query still reads as one.
   */
  public CommandParser arg(String name, String help) {
    arg(name, Read.stringRead())
        .optional()
        .unbounded()
        .text(help)
        .action((v, o) -> o.set(name, o.string(name).map(prev -> prev + " " + v).orElse(v)));
    return this;
  }

  /** A flag without a value. */
  public CommandParser flag(String name, String help) {
    opt(name, Read.unitRead()).text(help).action((v, o) -> o.set(name, Boolean.TRUE));
    return this;
  }

  /** A string option whose value must be one of {@code allowed}. */
  public CommandParser choice(String name, String defaultValue, List<String> allowed, String help) {
    opt(name, Read.stringRead())
        .valueName(String.join("|", allowed))
        .text(withDefault(help, defaultValue))
        .validate(
            v ->
                allowed.contains(v)
                    ? success()
                    : failure("--" + name + " must be one of " + String.join(", ", allowed)))
        .action((v, o) -> o.set(name, v));
    return this;
  }

  /**
   * Parses the arguments.
   *
   * @return the options, or empty when help was shown or the arguments were bad (see {@link
   *     #errors()} and {@link #displayed()})
   */
  public Optional<Options> parseArgs(List<String> args) {
    scala.Option<Options> parsed = parse(CollectionConverters.asScala(args).toSeq(), new Options());
    if (terminated || parsed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parsed.get());
  }

  /** The errors of the last parse. */
  public List<String> errors() {
    return errors;
  }

  /** What scopt displayed (usage after {@code --help}). */
  public String displayed() {
    return display.toString();
  }

  /** Whether {@code --help} ended the parse. */
  public boolean helpShown() {
    return helpRequested;
  }

  @Override
  public void terminate(Either<String, BoxedUnit> exitState) {
    terminated = true;
    // scopt reports --help as a successful termination, then goes on checking required options.
    helpRequested |= exitState.isRight();
  }

  @Override
  public void reportError(String msg) {
    errors.add(msg);
  }

  @Override
  public void displayToOut(String msg) {
    display.append(msg).append('\n');
  }

  @Override
  public void displayToErr(String msg) {
    // After --help, scopt goes on checking required options and would add its "Try --help" hint.
    if (!helpRequested) {
      display.append(msg).append('\n');
    }
  }

  @Override
  public scala.Option<Object> showUsageOnError() {
    return scala.Option.apply(Boolean.FALSE);
  }

  private static String withDefault(String help, String defaultValue) {
    return defaultValue == null ? help : help + " (default: " + defaultValue + ")";
  }

  private static scala.collection.immutable.Seq<String> seq(String... items) {
    return CollectionConverters.asScala(List.of(items)).toSeq();
  }
}

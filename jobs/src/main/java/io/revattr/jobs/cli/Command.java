package io.revattr.jobs.cli;

/** One sub-command of {@code revattr}: its options and what it does. */
public interface Command {
  /** The command's name on the command line. */
  String name();

  /** One line saying what it does. */
  String description();

  /** Declares the command's options on a fresh parser. */
  void declareOptions(CommandParser parser);

  /**
   * Runs the command.
   *
   * @return the process exit code
   */
  int execute(Options options, Console console) throws Exception;
}

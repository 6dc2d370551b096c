package io.revattr.jobs.cli;

import java.util.regex.Pattern;

/**
 * Words of a command line that revattr prints for a person to paste into a POSIX shell (sh, bash,
 * zsh): a path with a space, a quote or a {@code $} in it must reach the command as one word,
 * unchanged.
 */
public final class ShellWords {
  /**
   * Words that sh, bash and zsh take as they are, which are printed so: characters none of them
   * gives a meaning to, and no {@code =} first (zsh expands {@code =name} to a command's path).
   */
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*");

  private ShellWords() {}

  /**
   * {@code word} as one shell word: unchanged when it has only plain characters, else in single
   * quotes (inside which a shell expands nothing), each single quote of it written {@code '\''}.
   */
  public static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}

package io.revattr.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A quoted word reaches a command as one argument, unchanged: checked by a real {@code sh}. */
class ShellWordsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/tmp/demo/output",
        "s3a://bucket/revattr/output",
        "/tmp/my demo/output",
        "/tmp/it's/output",
        "/tmp/$HOME/`id`/\"x\"/*/output",
        "/tmp/a\\b/'';&|<>(){}!#~/output",
        "/tmp/tab\there/new\nline",
        ""
      })
  void aQuotedWordIsOneArgumentUnchanged(String word) throws Exception {
    assertThat(PosixShell.arguments(ShellWords.quote(word))).containsExactly(word);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        " ", "\t", "\n", "'", "\"", "\\", "$", "`", "!", "#", "&", "*", "?", "[", "]", "{", "}",
        "(", ")", "|", ";", "<", ">", "~", "^"
      })
  void aWordWithACharacterAShellReadsIsQuoted(String character) throws Exception {
    String word = "/tmp/a" + character + "b";
    assertThat(ShellWords.quote(word)).isNotEqualTo(word);
    assertThat(PosixShell.arguments(ShellWords.quote(word))).containsExactly(word);
  }

  @Test
  void aWordStartingWithAnEqualsSignOrATildeIsQuoted() throws Exception {
    for (String word : List.of("=ls", "~/output", "~root")) {
      assertThat(ShellWords.quote(word)).as(word).isEqualTo("'" + word + "'");
      assertThat(PosixShell.arguments(ShellWords.quote(word))).containsExactly(word);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tmp/demo/output", "s3a://bucket/a-b_c/x.y,z=1@2%3+4"})
  void aPlainWordIsPrintedAsIs(String word) {
    assertThat(ShellWords.quote(word)).isEqualTo(word);
  }
}

package io.revattr.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes a table's data files unreadable, so that a test can show that an operation never opens
 * them: whatever reads one fails.
 */
public final class UnreadableFiles {
  private UnreadableFiles() {}

  /**
   * Overwrites with text every Parquet file directly under the partition directories named {@code
   * partition} (e.g. {@code run_id=r2}) of the table; fails the test when there is none.
   */
  public static void inPartition(Path table, String partition) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(table)) {
      files =
          all.filter(p -> p.getParent().getFileName().toString().equals(partition))
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .toList();
    }
    assertThat(files).as("data files of %s in %s", partition, table).isNotEmpty();
    for (Path file : files) {
      Files.writeString(file, "not parquet");
    }
  }
}

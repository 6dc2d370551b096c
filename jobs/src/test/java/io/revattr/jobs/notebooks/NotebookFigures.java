package io.revattr.jobs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/** Reading the key figures and charts an executed notebook saved, and comparing them to Spark's. */
final class NotebookFigures {
  private static final double RELATIVE_TOLERANCE = 1e-9;

  private NotebookFigures() {}

  static void assertCloseOrNull(JsonNode noted, Row row, int field) {
    if (row.isNullAt(field)) {
      assertThat(noted.isNull()).as("%s / %s is null", row.get(0), field).isTrue();
    } else {
      assertClose(noted, row.getDouble(field), String.valueOf(row.get(0)), "field " + field);
    }
  }

  static void assertClose(JsonNode noted, double expected, String row, String column) {
    if (noted.isMissingNode()) {
      fail("the notebook has no figure for %s / %s (Spark: %s)", row, column, expected);
    }
    double tolerance = RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(expected));
    assertThat(noted.asDouble()).as("%s / %s", row, column).isCloseTo(expected, offset(tolerance));
  }

  static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> names(Path dir, String regex) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches(regex))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Per model, the list of strings a figure holds under it. */
  static Map<String, List<String>> strings(JsonNode byModel) {
    Map<String, List<String>> lists = new TreeMap<>();
    byModel
        .fields()
        .forEachRemaining(
            e -> {
              List<String> values = new ArrayList<>();
              e.getValue().forEach(v -> values.add(v.asText()));
              lists.put(e.getKey(), values);
            });
    return lists;
  }

  /** The text a cell of an executed notebook printed. */
  static String cellText(Path notebook, String cellId) {
    StringBuilder text = new StringBuilder();
    for (JsonNode cell : json(notebook).get("cells")) {
      if (cellId.equals(cell.path("id").asText())) {
        for (JsonNode output : cell.path("outputs")) {
          output.path("text").forEach(line -> text.append(line.asText()));
        }
      }
    }
    return text.toString();
  }
}

package io.revattr.jobs.notebooks;

import static io.revattr.jobs.notebooks.NotebookFigures.json;
import static io.revattr.jobs.notebooks.NotebookFigures.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A notebook asked for a model the run did not compute (the default w_shaped, on a run with other
 * {@code models.enabled}) shows the run's first model with a note instead of stopping, so that
 * {@code bin/notebooks run} executes every notebook on such a run.
 */
class ChosenModelTest {
  @Test
  void theRequestedModelWhenTheRunHasItElseTheRunsFirstWithANote() {
    PythonEnvironment.Result result =
        PythonEnvironment.run(
            List.of(
                PythonEnvironment.python().toString(),
                "-c",
                "import revattr_nb as nb\n"
                    + "print('chose', nb.chosen_model('u_shaped', ['u_shaped', 'linear']))\n"
                    + "print('chose', nb.chosen_model('w_shaped', ['u_shaped', 'linear']))\n"),
            PythonEnvironment.NOTEBOOKS,
            Map.of(),
            5);
    assertThat(result.exitCode()).as(result.output()).isZero();
    // Only the lines the snippet prints (a library's warning on stderr may come between).
    assertThat(
            result
                .output()
                .lines()
                .filter(l -> l.startsWith("chose ") || l.startsWith("The run has no model"))
                .toList())
        .containsExactly(
            "chose u_shaped",
            "The run has no model 'w_shaped'; showing linear (its models: ['linear', 'u_shaped']).",
            "chose linear");
  }

  @Test
  void noNotebookStopsOnAModelTheRunLacks() {
    for (String name : names(PythonEnvironment.NOTEBOOKS, "\\d\\d_.*\\.ipynb")) {
      StringBuilder code = new StringBuilder();
      for (JsonNode cell : json(PythonEnvironment.NOTEBOOKS.resolve(name)).get("cells")) {
        if ("code".equals(cell.path("cell_type").asText())) {
          cell.path("source").forEach(line -> code.append(line.asText()));
        }
      }
      assertThat(code.toString())
          .as(name)
          .doesNotContainPattern("raise \\w+\\(f?\"MODEL")
          .satisfiesAnyOf(
              c -> assertThat(c).contains("nb.chosen_model(MODEL, models)"),
              c -> assertThat(c).contains("if MODEL in models"),
              c -> assertThat(c).contains("if MODEL in rule_based"));
    }
  }
}

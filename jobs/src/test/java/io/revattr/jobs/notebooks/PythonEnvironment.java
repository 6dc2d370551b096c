package io.revattr.jobs.notebooks;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The notebooks' Python environment ({@code .venv/} of the project, made by {@code bin/notebooks
 * setup}, which the build runs before the tests) and a way to run its programs. A missing
 * environment fails the test that needs it, saying how to create it: nothing is skipped.
 */
final class PythonEnvironment {
  /** The project's root: the build passes it as {@code revattr.home}. */
  static final Path HOME = Path.of(System.getProperty("revattr.home", "..")).toAbsolutePath();

  static final Path NOTEBOOKS = HOME.resolve("notebooks");
  private static final Path VENV =
      Path.of(System.getenv().getOrDefault("REVATTR_VENV", HOME.resolve(".venv").toString()));

  /** Generous: creating the environment takes about 25 s, more on a busy machine. */
  private static final long SETUP_TIMEOUT_MINUTES = 15;

  private PythonEnvironment() {}

  /** The result of one program run: its exit code and its merged stdout and stderr. */
  record Result(int exitCode, String output) {}

  /** The environment's Python, failing the test with the command that creates it if missing. */
  static Path python() {
    awaitBuildSetup();
    Path python = VENV.resolve("bin/python");
    if (!Files.isExecutable(python) || !Files.isExecutable(VENV.resolve("bin/jupyter"))) {
      fail(
          "The notebooks' Python environment is missing at %s. Create it with 'bin/notebooks"
              + " setup' (the build does this before the tests; './mvnw -B verify' runs it).",
          VENV);
    }
    return python;
  }

  /**
   * Waits for the build's own {@code bin/notebooks setup}, which runs in the background while the
   * build compiles and starts the tests: done when its exit status is in the file the build names
   * ({@code revattr.notebooks.setup.status}; without it, e.g. in an IDE, nothing is awaited).
   */
  private static synchronized void awaitBuildSetup() {
    String property = System.getProperty("revattr.notebooks.setup.status");
    if (property == null || property.isEmpty()) {
      return;
    }
    Path status = Path.of(property);
    Path log = status.resolveSibling("notebooks-setup.log");
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(SETUP_TIMEOUT_MINUTES);
      while (!Files.isRegularFile(status) || Files.readString(status).isBlank()) {
        if (System.nanoTime() > deadline) {
          fail("bin/notebooks setup did not finish within %d minutes", SETUP_TIMEOUT_MINUTES);
        }
        Thread.sleep(1_000);
      }
      if (!Files.readString(status).strip().equals("0")) {
        fail("bin/notebooks setup failed:%n%s", Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs the command in {@code workDir} with extra environment variables, within the timeout. */
  static Result run(List<String> command, Path workDir, Map<String, String> env, long minutes) {
    try {
      File log = File.createTempFile("revattr-python", ".log");
      log.deleteOnExit();
      ProcessBuilder builder =
          new ProcessBuilder(new ArrayList<>(command))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log);
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail("%s did not finish within %d minutes", command, minutes);
      }
      return new Result(
          process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

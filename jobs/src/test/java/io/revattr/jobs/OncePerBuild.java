package io.revattr.jobs;

import io.revattr.jobs.io.LocalFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A test fixture directory that the test JVMs of one build (Surefire's forks) share: the first to
 * need it builds it under a file lock beside it and marks it with the build's id ({@code
 * revattr.build.id}, set by the pom); the others wait for the lock and find it built. Without that
 * property (a test run from an IDE) each test JVM rebuilds the directory when it first needs it, in
 * the same place: run such tests in one JVM.
 */
public final class OncePerBuild {
  private static final String BUILD_ID =
      System.getProperty("revattr.build.id", UUID.randomUUID().toString());
  private static final String MARKER = "built-by";

  private OncePerBuild() {}

  /**
   * Makes sure {@code dir} holds what {@code build} writes into it in this build: unless a test JVM
   * of this build has done so, empties {@code dir} and runs {@code build}.
   */
  public static void ensure(Path dir, Runnable build) {
    Path lock = dir.resolveSibling(dir.getFileName() + ".lock");
    Path builtBy = dir.resolve(MARKER);
    try {
      Files.createDirectories(lock.getParent());
      try (FileChannel channel =
          FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        channel.lock(); // released when the channel closes
        if (Files.isRegularFile(builtBy) && Files.readString(builtBy).equals(BUILD_ID)) {
          return;
        }
        LocalFiles.deleteRecursively(dir);
        Files.createDirectories(dir);
        build.run();
        Files.writeString(builtBy, BUILD_ID);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

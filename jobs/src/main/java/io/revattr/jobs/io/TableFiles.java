package io.revattr.jobs.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The files of an input table given as a file or a directory, as Spark's file sources list them.
 */
final class TableFiles {
  private TableFiles() {}

  /**
   * The files Spark reads for the table: the file, or every file under the directory at any depth
   * but those on a hidden path (a name starting with {@code _} or {@code .}, except a partition
   * directory {@code _x=y}) and those still being copied ({@code ._COPYING_}).
   */
  static List<FileStatus> dataFiles(FileSystem fs, Path location) throws IOException {
    return dataFiles(fs, location, Integer.MAX_VALUE);
  }

  /**
   * Whether the table has a file Spark reads: listing stops at the first one, as a cloud store
   * lists a large table's files page by page.
   */
  static boolean hasDataFile(FileSystem fs, Path location) throws IOException {
    return !dataFiles(fs, location, 1).isEmpty();
  }

  /** The first file Spark reads for the table, at any depth (listing stops there), if any. */
  static Optional<FileStatus> firstDataFile(FileSystem fs, Path location) throws IOException {
    return dataFiles(fs, location, 1).stream().findFirst();
  }

  /**
   * A file of the table as a message names it: under the location as given, without the scheme a
   * listing adds ({@code file:}).
   */
  static String shown(FileSystem fs, Path location, FileStatus file) {
    String root = fs.makeQualified(location).toUri().getPath();
    return location + file.getPath().toUri().getPath().substring(root.length());
  }

  private static List<FileStatus> dataFiles(FileSystem fs, Path location, int limit)
      throws IOException {
    List<FileStatus> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> all = fs.listFiles(location, true);
    String root = fs.makeQualified(location).toUri().getPath();
    while (all.hasNext() && files.size() < limit) {
      LocatedFileStatus file = all.next();
      String relative = file.getPath().toUri().getPath().substring(root.length());
      boolean hidden = false;
      for (String part : relative.split("/")) {
        hidden |= part.startsWith(".") || (part.startsWith("_") && !part.contains("="));
      }
      // A file `hadoop fs -put` is still copying.
      hidden |= file.getPath().getName().endsWith("._COPYING_");
      if (!hidden) {
        files.add(file);
      }
    }
    return files;
  }
}

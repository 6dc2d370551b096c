package io.revattr.jobs.io;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FsErrors;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@value #SCHEME}, on a disk that is full: every file it
 * creates fails as Hadoop's local file system fails a write then, with an {@link FSError}.
 */
public final class FullDiskFileSystem extends RawLocalFileSystem {
  /** The scheme to register the class under ({@code fs.<scheme>.impl}). */
  public static final String SCHEME = "fulldisk";

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  // Both create methods RawLocalFileSystem implements: FileSystem.create(Path, boolean) ends in the
  // one without a permission, other callers in this one.
  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress) {
    throw diskFull();
  }

  @Override
  public FSDataOutputStream create(
      Path f,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress) {
    throw diskFull();
  }

  private static FSError diskFull() {
    return FsErrors.writeFailed(new IOException("No space left on device"));
  }
}

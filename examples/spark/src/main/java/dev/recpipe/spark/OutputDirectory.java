package dev.recpipe.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's output directory: one that does not exist yet, as Spark requires, so that the job can
 * remove it, whole, when it fails.
 *
 * @param name the name the user gave, for messages and for Spark
 */
record OutputDirectory(String name, Path path, FileSystem fileSystem) {
  /**
   * @throws PipelineException it exists
   * @throws IOException the file system failed
   */
  static OutputDirectory check(String name, Configuration conf) throws IOException {
    Path path = new Path(name);
    FileSystem fileSystem = path.getFileSystem(conf);
    if (fileSystem.exists(path)) {
      throw new PipelineException(name + ": already exists (the job writes a new directory; remove it first)");
    }
    return new OutputDirectory(name, path, fileSystem);
  }

  /** Removes the directory and what is in it, if it exists. */
  void delete() throws IOException {
    fileSystem.delete(path, true);
  }
}

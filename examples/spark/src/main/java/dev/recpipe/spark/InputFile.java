package dev.recpipe.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * The job's input, checked on the driver before any task runs: one file, as reader would read it.
 *
 * @param name the name the user gave, for messages
 * @param path the file, in whatever file system Hadoop finds it (local, hdfs://, s3a://...)
 * @param endsWithLineFeed whether its last byte is an LF (true for an empty file): Spark's lines do
 *     not say, and reader keeps a CR at the very end of {@code --lines} input only when no LF follows
 */
record InputFile(String name, Path path, boolean endsWithLineFeed) {
  /**
   * @throws PipelineException the file is missing, a directory, or compressed
   * @throws IOException the file system failed
   */
  static InputFile check(String name, Configuration conf) throws IOException {
    Path path = new Path(name);
    FileSystem fileSystem = path.getFileSystem(conf);
    FileStatus status;
    try {
      status = fileSystem.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new PipelineException(name + ": No such file or directory");
    }
    if (status.isDirectory()) throw new PipelineException(name + ": Is a directory");
    if (new CompressionCodecFactory(conf).getCodec(path) != null) {
      throw new PipelineException(name + ": compressed input is not supported (reader reads a file's bytes as they are);"
          + " decompress it first");
    }
    return new InputFile(name, path, status.getLen() == 0 || lastByte(fileSystem, path, status.getLen()) == '\n');
  }

  private static int lastByte(FileSystem fileSystem, Path path, long length) throws IOException {
    try (FSDataInputStream in = fileSystem.open(path)) {
      in.seek(length - 1);
      return in.read();
    }
  }
}

package dev.recpipe.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;

/**
 * Finds, on an executor, recpipe's bin directory and the programs a partition's pipeline runs.
 *
 * <p>Why not leave it to {@link ProcessBuilder}: it looks a program up on the JVM's own PATH, not on
 * the one given to the child, so the tools directory must be searched here, first, as the PATH the
 * stages get has it first.
 */
final class Programs {
  private Programs() {}

  /**
   * recpipe's bin directory: {@code tools} itself when absolute; when relative, the directory of
   * that name where Spark unpacks {@code --archives} (the executor's working directory on a cluster,
   * a temporary directory in local mode), else relative to the working directory.
   *
   * @throws PipelineException it holds no {@code reader}
   */
  static Path toolsDirectory(String tools) {
    Path given = Path.of(tools);
    Path directory = given;
    if (!given.isAbsolute()) {
      Path unpacked = Path.of(SparkFiles.getRootDirectory()).resolve(given);
      directory = Files.isDirectory(unpacked) ? unpacked : given.toAbsolutePath();
    }
    if (!isProgram(directory.resolve("reader"))) {
      throw new PipelineException("no recpipe tools in " + directory + " (--tools " + tools + "): no executable "
          + directory.resolve("reader"));
    }
    return directory;
  }

  /** A recpipe tool's launcher in the tools directory. */
  static String tool(Path tools, String name) {
    Path program = tools.resolve(name);
    if (!isProgram(program)) throw new PipelineException("no executable " + program + " in the recpipe tools");
    return program.toString();
  }

  /**
   * The program {@code name} names, as a shell finds it: a name with a slash is a path; any other
   * is looked up in {@code tools}, then on PATH.
   *
   * @throws PipelineException there is none
   */
  static String find(String name, Path tools) {
    if (name.contains("/")) return name;
    if (isProgram(tools.resolve(name))) return tools.resolve(name).toString();
    String path = System.getenv("PATH");
    for (String directory : path == null ? new String[0] : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
      if (isProgram(candidate)) return candidate.toString();
    }
    throw new PipelineException(name + ": command not found (looked in " + tools + " and on PATH)");
  }

  /** The PATH a stage gets: the tools first, so that a stage that runs tools (fanout) finds them. */
  static String pathWith(Path tools) {
    String path = System.getenv("PATH");
    return path == null || path.isEmpty() ? tools.toString() : tools + File.pathSeparator + path;
  }

  private static boolean isProgram(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }
}

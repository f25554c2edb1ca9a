package dev.recpipe.fanout;

import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.ToolTable;
import dev.recpipe.fanout.workers.CannotStartException;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Finds the program a worker runs, as a shell would: a name with a slash is a path; any other name
 * is looked up on PATH, and a recpipe tool's name also finds the launcher beside fanout's own, so
 * {@code bin/fanout -n 8 summer} works before anything is installed: the tools are those of the tool
 * table fanout's jar was built with ({@link ToolTable#bundled}), and their launchers are beside
 * fanout's own, bin/recpipe's folder ({@code recpipe.bin}). A program that can't be run fails as in
 * a shell: {@code NAME: command not found} (127), {@code NAME: Permission denied} (126), the latter
 * with the chmod that makes it executable.
 */
final class CommandLookup {
  private CommandLookup() {}

  /** The tools' names, read when a name is first looked up beside fanout's launcher. */
  private static final class Tools {
    static final Set<String> NAMES = Set.copyOf(ToolTable.bundled().names());
  }

  /**
   * The path of the program to run for {@code name}.
   *
   * @throws CannotStartException there is none, or it can't be executed
   */
  static String find(String name) throws CannotStartException {
    if (name.contains("/")) return check(name);
    Path notExecutable = null;
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator, -1)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (!Files.isRegularFile(candidate)) continue;
        if (Files.isExecutable(candidate)) return candidate.toString();
        if (notExecutable == null) notExecutable = candidate; // as bash: reported if nothing better comes
      }
    }
    String bin = System.getProperty("recpipe.bin");
    if (bin != null && Tools.NAMES.contains(name)) {
      Path sibling = Path.of(bin, name);
      if (Files.isExecutable(sibling)) return sibling.toString();
    }
    if (notExecutable != null) {
      throw notExecutable(notExecutable.toString());
    }
    throw new CannotStartException(name + ": command not found", ExitStatus.NOT_FOUND);
  }

  private static String check(String program) throws CannotStartException {
    Path file = Path.of(program);
    try {
      Files.readAttributes(file, BasicFileAttributes.class);
    } catch (AccessDeniedException e) { // a folder on the way its user may not search: it may well be there
      throw new CannotStartException(program + ": Permission denied", ExitStatus.NOT_EXECUTABLE);
    } catch (IOException e) {
      throw new CannotStartException(program + ": No such file or directory", ExitStatus.NOT_FOUND);
    }
    if (Files.isDirectory(file)) {
      throw new CannotStartException(program + ": Is a directory", ExitStatus.NOT_EXECUTABLE);
    }
    if (!Files.isExecutable(file)) throw notExecutable(program);
    return program;
  }

  /** A shell's words for a file without the execute bit, and the command that gives it one. */
  private static CannotStartException notExecutable(String program) {
    String hint = "make it executable with 'chmod +x " + program + "'";
    return new CannotStartException(program + ": Permission denied; " + hint, ExitStatus.NOT_EXECUTABLE);
  }
}

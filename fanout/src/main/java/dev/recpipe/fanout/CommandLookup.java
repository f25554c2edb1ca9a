package dev.recpipe.fanout;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the program a worker runs, as a shell would: a name with a slash is a path; any other name
 * is looked up on PATH, and a recpipe tool's name also finds the launcher beside fanout's own, so
 * {@code bin/fanout -n 8 summer} works before anything is installed.
 */
final class CommandLookup {
  private static final Set<String> TOOLS = Set.of("reader", "summer", "writer", "fanout", "gencsv", "heavy", "runstats");

  private CommandLookup() {}

  static Optional<String> find(String name) {
    if (name.contains("/")) return Optional.of(name);
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate.toString());
      }
    }
    String bin = System.getProperty("recpipe.bin");
    if (bin != null && TOOLS.contains(name)) {
      Path sibling = Path.of(bin, name);
      if (Files.isExecutable(sibling)) return Optional.of(sibling.toString());
    }
    return Optional.empty();
  }
}

package dev.recpipe.docgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files docgen wrote in an earlier build for a command that is no more: a row gone from the tool
 * table takes its man page and completion with it, and {@code make install} installs what is there.
 */
final class GeneratedFiles {
  private GeneratedFiles() {}

  /** Deletes each file of {@code dir} named {@code NAME + suffix} whose NAME is not one of {@code names}. */
  static void removeAllBut(Path dir, String suffix, List<String> names) throws IOException {
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(suffix)) continue;
        if (!names.contains(name.substring(0, name.length() - suffix.length()))) Files.delete(file);
      }
    }
  }
}

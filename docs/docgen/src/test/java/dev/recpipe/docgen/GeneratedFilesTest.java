package dev.recpipe.docgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedFilesTest {
  @TempDir Path dir;

  @Test
  void thePagesOfCommandsThatAreNoMoreGo() throws IOException {
    for (String file : List.of("reader.1", "count.1", "fanout-deal.1", "notes.txt")) Files.writeString(dir.resolve(file), "");
    GeneratedFiles.removeAllBut(dir, ".1", List.of("reader", "fanout-deal"));
    assertEquals(Set.of("reader.1", "fanout-deal.1", "notes.txt"), names());
  }

  @Test
  void withoutASuffixEveryOtherFileGoes() throws IOException {
    for (String file : List.of("reader", "count")) Files.writeString(dir.resolve(file), "");
    GeneratedFiles.removeAllBut(dir, "", List.of("reader"));
    assertEquals(Set.of("reader"), names());
  }

  @Test
  void noFolderYetIsNothingToRemove() throws IOException {
    GeneratedFiles.removeAllBut(dir.resolve("man"), ".1", List.of());
    assertEquals(Set.of(), names());
  }

  private Set<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}

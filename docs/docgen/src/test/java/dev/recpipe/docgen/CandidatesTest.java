package dev.recpipe.docgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class CandidatesTest {
  enum Format { csv, tsv }

  @Command(name = "tool")
  static final class Tool {
    @Option(names = "--format") Format format;
    @Option(names = "--output") Path output;
    @Option(names = "--log", paramLabel = "FILE") String log;
    @Option(names = "--mode", completionCandidates = Modes.class) String mode;
    @Option(names = "--count", paramLabel = "N") int count;
    @Parameters(index = "0", paramLabel = "CMD") String command;
    @Parameters(index = "1..*", paramLabel = "ARG") List<String> arguments;
  }

  @Command(name = "reads")
  static final class Reads {
    @Parameters(paramLabel = "FILE") List<String> files;
    @Option(names = "--paths") List<Path> paths;
  }

  static final class Modes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("fast", "slow").iterator();
    }
  }

  private static final CommandSpec TOOL = new CommandLine(new Tool()).getCommandSpec();
  private static final CommandSpec READS = new CommandLine(new Reads()).getCommandSpec();

  @Test
  void anEnumOrCandidatesAreWords() {
    assertEquals(new Candidates(Candidates.Kind.WORDS, List.of("csv", "tsv")), Candidates.of(TOOL.findOption("--format")));
    assertEquals(new Candidates(Candidates.Kind.WORDS, List.of("fast", "slow")), Candidates.of(TOOL.findOption("--mode")));
  }

  @Test
  void aFileByTypeOrLabelIsFiles() {
    assertEquals(Candidates.FILES, Candidates.of(TOOL.findOption("--output")));
    assertEquals(Candidates.FILES, Candidates.of(TOOL.findOption("--log")));
    assertEquals(Candidates.FILES, Candidates.of(READS.positionalParameters().get(0)));
    assertEquals(Candidates.FILES, Candidates.of(READS.findOption("--paths")));
  }

  @Test
  void aCmdIsACommandAndTheRestNothing() {
    assertEquals(Candidates.COMMAND, Candidates.of(TOOL.positionalParameters().get(0)));
    assertEquals(Candidates.NOTHING, Candidates.of(TOOL.positionalParameters().get(1)));
    assertEquals(Candidates.NOTHING, Candidates.of(TOOL.findOption("--count")));
  }
}

package dev.recpipe.docgen;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Model.ArgSpec;

/**
 * What completion offers for an option's value or a positional parameter, read from its picocli
 * model: the words it takes if it has a fixed set (an enum, or {@code completionCandidates}); file
 * names if it is a file, by its type ({@link File}, {@link Path}) or its label in {@code --help}
 * ({@code FILE}, {@code PIPE}: a tool taking {@code -} for stdin keeps them strings); command names
 * for a {@code CMD}, a command the tool runs, whose arguments follow it; else nothing (a number, a
 * column name).
 */
record Candidates(Kind kind, List<String> words) {
  enum Kind { NOTHING, WORDS, FILES, COMMAND }

  /** Labels that name a file. */
  static final Set<String> FILE_LABELS = Set.of("FILE", "PIPE", "DIR");

  /** The label of a command to run; the parameters after it are its arguments. */
  static final String COMMAND_LABEL = "CMD";

  static final Candidates NOTHING = new Candidates(Kind.NOTHING, List.of());
  static final Candidates FILES = new Candidates(Kind.FILES, List.of());
  static final Candidates COMMAND = new Candidates(Kind.COMMAND, List.of());

  Candidates {
    words = List.copyOf(words);
  }

  static Candidates of(ArgSpec arg) {
    List<String> words = new ArrayList<>();
    if (arg.completionCandidates() != null) arg.completionCandidates().forEach(words::add);
    if (!words.isEmpty()) return new Candidates(Kind.WORDS, words);
    String label = arg.paramLabel().replaceAll("[<>.\\[\\]]", "");
    if (label.equals(COMMAND_LABEL)) return COMMAND;
    return isFile(arg.type()) || Stream.of(arg.auxiliaryTypes()).anyMatch(Candidates::isFile)
        || FILE_LABELS.contains(label) ? FILES : NOTHING;
  }

  private static boolean isFile(Class<?> type) {
    return File.class.isAssignableFrom(type) || Path.class.isAssignableFrom(type);
  }
}

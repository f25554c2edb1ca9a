package dev.recpipe.docgen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A tool's bash completion script: the functions of {@code completion.bash}, which walk the words
 * typed so far as the tool's parser would, and the tables they read, written here from the tool's
 * picocli model, for the tool and each subcommand. Picocli's own generator (AutoComplete) offers no
 * file names for a file given as a string, turns bash's default completion off, and offers
 * subcommands after a command's arguments (fanout's worker): hence a script of our own.
 */
final class BashCompletion {
  private static final String FUNCTIONS = functions();

  private BashCompletion() {}

  static String script(CommandLine tool) {
    String name = tool.getCommandName();
    StringBuilder script = new StringBuilder(FUNCTIONS.replace("@TOOL@", name)).append('\n');
    script.append("# ").append(name).append("'s command line\n");
    tables(tool.getCommandSpec(), script);
    String function = "_recpipe_" + name.replaceAll("[^A-Za-z0-9_]", "_");
    script.append('\n').append(function).append("() { _recpipe_complete ").append(quote(name)).append("; }\n");
    script.append("complete -F ").append(function).append(' ').append(quote(name)).append('\n');
    return script.toString();
  }

  private static void tables(CommandSpec spec, StringBuilder script) {
    String command = spec.qualifiedName(" ");
    List<OptionSpec> options = spec.options();
    set(script, "_recpipe_options", command,
        words(options.stream().filter(option -> !option.hidden()).flatMap(option -> Stream.of(option.names()))));
    List<OptionSpec> valued = options.stream().filter(option -> option.arity().min() > 0).toList();
    set(script, "_recpipe_valued", command, words(valued.stream().flatMap(option -> Stream.of(option.names()))));
    for (OptionSpec option : valued) {
      for (String name : option.names()) set(script, "_recpipe_value", command + " " + name, what(Candidates.of(option)));
    }
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      CommandLine.Range index = positional.index();
      String what = what(Candidates.of(positional));
      if (index.max() == Integer.MAX_VALUE) {
        set(script, "_recpipe_positional", command + " *", what);
      } else {
        for (int i = index.min(); i <= index.max(); i++) set(script, "_recpipe_positional", command + " " + i, what);
      }
    }
    set(script, "_recpipe_subcommands", command, words(spec.subcommands().keySet().stream()));
    if (spec.parser().stopAtPositional()) set(script, "_recpipe_stops", command, "1");
    for (CommandLine subcommand : spec.subcommands().values()) tables(subcommand.getCommandSpec(), script);
  }

  /** A value or parameter as the script's tables give it: "words W...", "files", "command", "nothing". */
  private static String what(Candidates candidates) {
    return switch (candidates.kind()) {
      case WORDS -> "words " + words(candidates.words().stream().map(BashCompletion::word));
      case FILES -> "files";
      case COMMAND -> "command";
      case NOTHING -> "nothing";
    };
  }

  /** A word of the tables, which are lists of words: one with no space in it. */
  private static String word(String word) {
    if (word.isEmpty() || word.matches(".*\\s.*")) throw new IllegalArgumentException("not a word to complete: '" + word + "'");
    return word;
  }

  private static String words(Stream<String> words) {
    return words.collect(Collectors.joining(" "));
  }

  private static void set(StringBuilder script, String table, String key, String value) {
    script.append(table).append('[').append(quote(key)).append("]=").append(quote(value)).append('\n');
  }

  /** {@code word} in single quotes, for bash. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static String functions() {
    try (InputStream in = BashCompletion.class.getResourceAsStream("completion.bash")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

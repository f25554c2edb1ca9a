package dev.recpipe.docgen;

import dev.recpipe.common.cli.ToolTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a man page says that its command's picocli model does not: the few words of its NAME line (a
 * tool's from its row in the tool table, a subcommand's from here; zsh's completion shows them for a
 * subcommand too), the ENVIRONMENT variables the tool reads or sets, and the docs pages its SEE ALSO
 * names. The other sections come from the model, as {@code --help} does; every page gets its tool's
 * launcher's variables ({@code bin/recpipe}), and a tool without an entry here, as a new stage, no
 * more than those and docs/stages.md. A page without a summary fails the build.
 */
final class ManPageTexts {
  /** A page's texts; {@code environment} in AsciiDoc, as {@code *NAME*:: text} entries. */
  record Texts(String summary, List<String> environment, List<String> docs) {}

  /** Read by bin/recpipe, which starts every tool. */
  static final List<String> LAUNCHER = List.of("""
      *RECPIPE_JAVA_OPTS*::
        Options for the Java virtual machine the tool runs on, split at white space. They come after \
      the launcher's own, so they win over them: e.g. RECPIPE_JAVA_OPTS=-Xmx1g for a larger heap.""", """
      *JAVA_HOME*::
        The Java runtime to run on, JAVA_HOME/bin/java (Java 17 or newer); if unset or empty, the java \
      found on PATH.""");

  private static final String FANOUT_TMPDIR = """
      *TMPDIR*::
        Where fanout makes its private directory (mode 0700) for the workers' named pipes, and for the \
      records that wait past --buffer; /tmp if unset or empty. The directory is removed when fanout ends.""";

  private static final String MERGE_TMPDIR = """
      *TMPDIR*::
        Where fanout merge makes a private directory (mode 0700) for the records that wait past \
      --buffer; /tmp if unset or empty. The directory is removed when fanout merge ends.""";

  private static final String FANOUT_PATH = """
      *PATH*::
        Where CMD is looked up, unless its name has a slash. The name of a recpipe tool is also found \
      beside fanout's own launcher.""";

  private static final String FANOUT_WORKER = """
      *RECPIPE_WORKER*, *RECPIPE_WORKERS*::
        Set by fanout in each worker's environment: the worker's number, 1 to N (a worker restarted by \
      --retries keeps its number), and N. fanout itself reads neither.""";

  private static final List<String> FORMAT = List.of("docs/FORMAT.md", "docs/GUARANTEES.md");

  /** What a page says beyond its summary: its ENVIRONMENT entries, and the docs its SEE ALSO names. */
  private record More(List<String> environment, List<String> docs) {}

  /** What a page without an entry in {@link #MORE} says: a new stage's. */
  private static final More STAGE = new More(LAUNCHER, List.of("docs/stages.md"));

  private static final Map<String, More> MORE = Map.of(
      "reader", new More(LAUNCHER, List.of("docs/reader.md", "docs/line-mode.md")),
      "summer", new More(LAUNCHER, List.of("docs/summer.md", "docs/stages.md")),
      "writer", new More(LAUNCHER, List.of("docs/writer.md", "docs/line-mode.md")),
      "fanout", new More(with(FANOUT_TMPDIR, FANOUT_PATH, FANOUT_WORKER), List.of("docs/fanout.md")),
      "fanout-deal", new More(LAUNCHER, List.of("docs/fanout.md")),
      "fanout-merge", new More(with(MERGE_TMPDIR), List.of("docs/fanout.md")),
      "gencsv", new More(LAUNCHER, List.of("README.md")),
      "heavy", new More(LAUNCHER, List.of("docs/fanout.md", "docs/stages.md")),
      "runstats", new More(LAUNCHER, List.of("docs/line-mode.md", "docs/stages.md")));

  /** The NAME lines of the subcommands' pages; a tool's is its row's in the tool table. */
  private static final Map<String, String> SUBCOMMAND_SUMMARIES = Map.of(
      "fanout-deal", "deal records to named pipes in batches",
      "fanout-merge", "merge records from named pipes in seq order");

  private final Map<String, String> summaries = new HashMap<>(SUBCOMMAND_SUMMARIES);

  /** The texts of the pages of the tools of {@code table}, and of their subcommands. */
  ManPageTexts(ToolTable table) {
    for (ToolTable.Row row : table.rows()) summaries.put(row.name(), row.summary());
  }

  /** The texts of page {@code name} ({@code fanout-deal}), the docs common to all pages included. */
  Texts of(String name) {
    String summary = summaries.get(name);
    if (summary == null) {
      throw new IllegalArgumentException("man page " + name + ": no summary: not a tool of "
          + ToolTable.FILE_NAME + ", nor a subcommand in ManPageTexts");
    }
    More more = MORE.getOrDefault(name, STAGE);
    return new Texts(summary, more.environment(), concat(more.docs(), FORMAT));
  }

  private static List<String> with(String... environment) {
    return concat(LAUNCHER, List.of(environment));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }
}

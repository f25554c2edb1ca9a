package dev.recpipe.docgen;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a man page says that its command's picocli model does not: the few words of its NAME line
 * (zsh's completion shows them for a subcommand too),
 * the ENVIRONMENT variables the tool reads or sets, and the docs pages its SEE ALSO names. The other
 * sections come from the model, as {@code --help} does; every page gets its tool's launcher's
 * variables ({@code bin/recpipe}). A command without an entry here fails the build.
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

  private static final Map<String, Texts> PAGES = Map.of(
      "reader", new Texts("turn CSV rows, or lines of text, into records", LAUNCHER,
          List.of("docs/reader.md", "docs/line-mode.md")),
      "summer", new Texts("sum the integers of each record, or of each CSV line", LAUNCHER, List.of("docs/summer.md", "docs/stages.md")),
      "writer", new Texts("turn records into lines of CSV, TSV, JSON or plain text", LAUNCHER,
          List.of("docs/writer.md", "docs/line-mode.md")),
      "fanout", new Texts("run N copies of a record filter, output in input order",
          with(FANOUT_TMPDIR, FANOUT_PATH, FANOUT_WORKER), List.of("docs/fanout.md")),
      "fanout-deal", new Texts("deal records to named pipes in batches", LAUNCHER, List.of("docs/fanout.md")),
      "fanout-merge", new Texts("merge records from named pipes in seq order", with(MERGE_TMPDIR),
          List.of("docs/fanout.md")),
      "gencsv", new Texts("write random integer CSV, the same for the same seed", LAUNCHER, List.of("README.md")),
      "heavy", new Texts("a record stage that costs CPU time, for trying fanout", LAUNCHER,
          List.of("docs/fanout.md", "docs/stages.md")),
      "runstats", new Texts("row count, mean and max of the run file each record names", LAUNCHER,
          List.of("docs/line-mode.md", "docs/stages.md")));

  private ManPageTexts() {}

  /** The texts of page {@code name} ({@code fanout-deal}), the docs common to all pages included. */
  static Texts of(String name) {
    Texts texts = PAGES.get(name);
    if (texts == null) {
      throw new IllegalArgumentException("man page " + name + ": no summary, environment or docs in ManPageTexts");
    }
    return new Texts(texts.summary(), texts.environment(), concat(texts.docs(), FORMAT));
  }

  private static List<String> with(String... environment) {
    return concat(LAUNCHER, List.of(environment));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }
}

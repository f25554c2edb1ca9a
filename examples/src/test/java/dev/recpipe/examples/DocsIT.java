package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worked examples of the docs pages, run: every {@code $ command} of a {@code ```console} block
 * must print what the page shows after it. A page's commands run in order, each in its own bash, in
 * one fresh directory per page that links the repository's top-level entries (so {@code
 * examples/runs.sh} and {@code summer/target/summer.jar} are there) and holds what the commands make;
 * a {@code ```java} block whose first line is {@code // Name.java} is written there as Name.java
 * first. The repository's bin/ is first on PATH.
 *
 * <p>A page shows stdout and stderr as one terminal would, and processes of a pipeline write to
 * stderr when they get there, so the shown lines must be stdout's lines and stderr's lines, each in
 * order, in any interleaving. {@code ```sh} blocks (Hadoop, Spark, install commands) are not run.
 */
@Timeout(900)
class DocsIT {
  private static final Path DOCS = Shell.ROOT.resolve("docs");
  private static final Pattern BLOCK = Pattern.compile("```(console|java)\n(.*?)```", Pattern.DOTALL);
  private static final Pattern JAVA_FILE = Pattern.compile("// (\\w+\\.java)\n");

  static Stream<String> pages() {
    return Stream.of("reader.md", "summer.md", "writer.md", "stages.md", "line-mode.md", "fanout.md");
  }

  @ParameterizedTest
  @MethodSource("pages")
  void everyCommandPrintsWhatThePageShows(String page, @TempDir Path dir) throws Exception {
    String text = Files.readString(DOCS.resolve(page));
    List<Example> examples = parse(text, dir);
    assertTrue(examples.size() >= 3, page + " has " + examples.size() + " console commands");
    linkRepository(dir);
    List<String> failures = new ArrayList<>();
    for (Example example : examples) {
      if (example.needsNodeModules() && !Files.isDirectory(Shell.ROOT.resolve("examples/node/node_modules/cbor-x"))) {
        System.err.println("DocsIT: " + page + ": skipping, no examples/node/node_modules: " + example.command());
        continue;
      }
      Result result = Shell.run(dir, Duration.ofMinutes(3), "bash", "-c", example.command());
      // The pages show what a terminal shows, and a tool writes no abort mark to a terminal.
      String stdout = result.stdout().replace(Shell.ABORT_MARK, "");
      if (!isInterleaving(example.shown(), lines(stdout), lines(result.stderr()))) {
        failures.add("$ " + example.command() + "\n  shown:\n" + indent(example.shown())
            + "  stdout:\n" + indent(lines(result.stdout())) + "  stderr:\n" + indent(lines(result.stderr())));
      }
    }
    assertEquals(List.of(), failures, page + ": commands that print something else than the page shows");
  }

  @Test
  void interleavingCheckTellsOrderWithinAStream() {
    assertTrue(isInterleaving(List.of("a", "x", "b"), List.of("a", "b"), List.of("x")));
    assertTrue(isInterleaving(List.of("x", "a", "b"), List.of("a", "b"), List.of("x")));
    assertTrue(!isInterleaving(List.of("b", "a", "x"), List.of("a", "b"), List.of("x")));
    assertTrue(!isInterleaving(List.of("a", "b"), List.of("a", "b"), List.of("x")));
    assertTrue(!isInterleaving(List.of("a", "b", "x", "y"), List.of("a", "b"), List.of("x")));
  }

  /** One {@code $ command} (with any {@code \}-continued lines) and the lines shown after it. */
  record Example(String command, List<String> shown) {
    boolean needsNodeModules() {
      return command.contains("examples/node/");
    }
  }

  /** The page's console commands, in order; writes its Java files into {@code dir} on the way. */
  private static List<Example> parse(String text, Path dir) throws IOException {
    List<Example> examples = new ArrayList<>();
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      if (block.group(1).equals("java")) {
        Matcher file = JAVA_FILE.matcher(block.group(2));
        if (file.lookingAt()) Files.writeString(dir.resolve(file.group(1)), block.group(2));
      } else {
        parseConsole(block.group(2), examples);
      }
    }
    return examples;
  }

  private static void parseConsole(String block, List<Example> examples) {
    String[] lines = block.split("\n", -1);
    int at = 0;
    while (at < lines.length) {
      if (!lines[at].startsWith("$ ")) {
        at++;
        continue;
      }
      StringBuilder command = new StringBuilder(lines[at].substring(2));
      while (lines[at].endsWith("\\") && at + 1 < lines.length) command.append('\n').append(lines[++at]);
      List<String> shown = new ArrayList<>();
      while (++at < lines.length && !lines[at].startsWith("$ ")) shown.add(lines[at]);
      if (!shown.isEmpty() && shown.get(shown.size() - 1).isEmpty()) shown.remove(shown.size() - 1);
      examples.add(new Example(command.toString(), shown));
    }
  }

  /** Makes {@code dir} look like the repository's root: a link to each of its top-level entries. */
  private static void linkRepository(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(Shell.ROOT)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.equals(".git") && !Files.exists(dir.resolve(name))) Files.createSymbolicLink(dir.resolve(name), entry);
      }
    }
  }

  /** True if {@code shown} is {@code out} and {@code err} merged, each in its own order. */
  static boolean isInterleaving(List<String> shown, List<String> out, List<String> err) {
    if (shown.size() != out.size() + err.size()) return false;
    boolean[][] can = new boolean[out.size() + 1][err.size() + 1]; // can[i][j]: shown's first i+j lines are out's i and err's j
    can[0][0] = true;
    for (int i = 0; i <= out.size(); i++) {
      for (int j = 0; j <= err.size(); j++) {
        if (i > 0 && can[i - 1][j] && out.get(i - 1).equals(shown.get(i + j - 1))) can[i][j] = true;
        if (j > 0 && can[i][j - 1] && err.get(j - 1).equals(shown.get(i + j - 1))) can[i][j] = true;
      }
    }
    return can[out.size()][err.size()];
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) return List.of();
    String whole = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return List.of(whole.split("\n", -1));
  }

  private static String indent(List<String> lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) text.append("    ").append(line).append('\n');
    return text.toString();
  }
}

package dev.recpipe.common.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * recpipe's tool table, {@code tools.txt} at the top of the source tree: the one list of the tools,
 * a row each with its name, jar, main class, JVM option sets, start-up archive and man-page summary
 * (the file's comment says what each column means). The launchers read it as shell scripts do;
 * Java reads it here: fanout the copy bundled in this jar ({@link #bundled}), to know a tool's name
 * when it looks for a worker's program, and docgen the file, to write each tool's man page and
 * completion. A row that does not read fails here, naming its line.
 *
 * <pre>{@code
 * ToolTable.read(Path.of("tools.txt")).row("summer").orElseThrow().mainClass()  // summer's main class
 * }</pre>
 */
public record ToolTable(List<Row> rows) {
  /** The option sets bin/recpipe knows (tools.txt's JVM column). */
  public static final List<String> JVM_OPTION_SETS = List.of("c1", "c1-lines", "jit-wait", "jnr", "fifos", "records", "serial");

  /** The training inputs bin/recpipe-cds knows (tools.txt's ARCHIVE column); "-" is none. */
  public static final List<String> ARCHIVES = List.of("-", "csv", "arrays", "integers", "workers");

  /** The file's name, in messages and as the bundled resource's. */
  public static final String FILE_NAME = "tools.txt";

  /** One tool; {@code jvm} is empty for the table's "-". */
  public record Row(String name, String jar, String mainClass, List<String> jvm, String archive, String summary) {}

  public ToolTable {
    rows = List.copyOf(rows);
  }

  /** The table in {@code file}. */
  public static ToolTable read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** The copy of the table this jar was built with. */
  public static ToolTable bundled() {
    try (InputStream in = ToolTable.class.getResourceAsStream(FILE_NAME)) {
      if (in == null) throw new IllegalStateException(FILE_NAME + " is not bundled with " + ToolTable.class.getName());
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The rows of {@code lines}; blank lines and lines that start with {@code #} are none.
   *
   * @throws IllegalArgumentException a row that does not read, or names a tool again
   */
  public static ToolTable parse(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      Row row = row(line, i + 1);
      if (!names.add(row.name())) throw error(i + 1, "tool " + row.name() + " has a row already");
      rows.add(row);
    }
    return new ToolTable(rows);
  }

  private static Row row(String line, int number) {
    String[] columns = line.split("\\s+", 6);
    if (columns.length < 6) {
      throw error(number, "expected 6 columns (NAME JAR MAIN JVM ARCHIVE SUMMARY), found " + columns.length);
    }
    List<String> jvm = columns[3].equals("-") ? List.of() : List.of(columns[3].split(","));
    for (String set : jvm) {
      if (!JVM_OPTION_SETS.contains(set)) throw error(number, "expected JVM - or " + JVM_OPTION_SETS + ", found " + set);
    }
    if (!ARCHIVES.contains(columns[4])) throw error(number, "expected ARCHIVE one of " + ARCHIVES + ", found " + columns[4]);
    return new Row(columns[0], columns[1], columns[2], jvm, columns[4], columns[5]);
  }

  private static IllegalArgumentException error(int line, String message) {
    return new IllegalArgumentException(FILE_NAME + ":" + line + ": " + message);
  }

  /** The tools' names, in the table's order. */
  public List<String> names() {
    return rows.stream().map(Row::name).toList();
  }

  /** The row of tool {@code name}, if it is one. */
  public Optional<Row> row(String name) {
    return rows.stream().filter(row -> row.name().equals(name)).findFirst();
  }
}

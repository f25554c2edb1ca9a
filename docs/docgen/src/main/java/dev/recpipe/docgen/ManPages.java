package dev.recpipe.docgen;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Section 1 man pages, by picocli's route: its {@link ManPageGenerator} writes AsciiDoc, one page a
 * command and one a subcommand ({@code fanout-deal}), to which the sections picocli has no model for
 * are added (ENVIRONMENT, SEE ALSO: {@link ManPageTexts}), and Asciidoctor's manpage backend turns
 * that into roff. Asciidoctor runs here, through AsciidoctorJ, rather than as its Maven plugin: in a JVM
 * of its own started for a short run (see examples/pom.xml) it costs half the CPU time.
 */
final class ManPages {
  private ManPages() {}

  /**
   * Writes {@code adocDir/NAME.adoc} for each command and subcommand, and converts those that
   * changed since the last build, or have no {@code manDir/NAME.1} yet, into {@code manDir/NAME.1};
   * the pages of commands that are no more (a row gone from the tool table) are removed.
   * Most rebuilds change no page, and then Asciidoctor, the bulk of the cost, is not even started
   * (so a new Asciidoctor version shows only after {@code mvn clean}).
   */
  static void write(List<CommandLine> tools, ManPageTexts texts, Path adocDir, Path manDir) throws IOException {
    Map<Path, String> before = contents(adocDir);
    List<String> pages = tools.stream().flatMap(tool -> pages(tool.getCommandSpec())).toList();
    GeneratedFiles.removeAllBut(adocDir, ".adoc", pages);
    GeneratedFiles.removeAllBut(manDir, ".1", pages);
    for (CommandLine tool : tools) writeAsciiDoc(tool.getCommandSpec(), texts, adocDir, pages);
    List<File> toConvert = new ArrayList<>();
    for (Map.Entry<Path, String> page : contents(adocDir).entrySet()) {
      boolean changed = !page.getValue().equals(before.get(page.getKey()));
      if (changed || !Files.exists(manDir.resolve(roffName(page.getKey())))) toConvert.add(page.getKey().toFile());
    }
    if (!toConvert.isEmpty()) toRoff(toConvert, manDir);
  }

  /** The names of the pages of a command and its subcommands: {@code fanout}, {@code fanout-deal}... */
  private static Stream<String> pages(CommandSpec spec) {
    return Stream.concat(Stream.of(pageName(spec)),
        spec.subcommands().values().stream().flatMap(subcommand -> pages(subcommand.getCommandSpec())));
  }

  static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  private static void toRoff(List<File> pages, Path manDir) throws IOException {
    Files.createDirectories(manDir);
    Options options = Options.builder().backend("manpage").safe(SafeMode.UNSAFE).toDir(manDir.toFile()).build();
    try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
      for (File page : pages) asciidoctor.convertFile(page, options);
    }
  }

  private static void writeAsciiDoc(CommandSpec spec, ManPageTexts texts, Path dir, List<String> pages) throws IOException {
    adapt(spec, texts);
    int status = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], false, spec);
    if (status != CommandLine.ExitCode.OK) {
      throw new IOException("man page of " + spec.name() + ": picocli's generator exited with " + status);
    }
    addSections(spec, texts, dir, pages);
  }

  /**
   * Changes of presentation, not of content. {@code --help} prints each description line as a line,
   * but AsciiDoc would run them together: each becomes a paragraph, and a run of indented lines (a
   * table, like writer's formats) a literal block that keeps its layout. NAME is one line, the
   * summary of {@link ManPageTexts} (a tool's row's in the tool table), where picocli would take the description's first line. The exit
   * statuses go in numerical order, under a heading without a colon, as man pages' section names
   * have none.
   */
  private static void adapt(CommandSpec spec, ManPageTexts texts) {
    UsageMessageSpec usage = spec.usageMessage();
    usage.description(paragraphs(usage.description()));
    usage.header(texts.of(pageName(spec)).summary());
    usage.exitCodeListHeading("Exit status");
    usage.exitCodeList(inOrder(usage.exitCodeList()));
    for (CommandLine subcommand : spec.subcommands().values()) adapt(subcommand.getCommandSpec(), texts);
  }

  /**
   * Exit statuses ({@code " 1"}, {@code "127"}) by their number; a line that stands for many ({@code
   * "128+N"}, the other signals) after them, in the order given.
   */
  static Map<String, String> inOrder(Map<String, String> statuses) {
    Map<String, String> numbered = new TreeMap<>(Comparator.comparingInt(status -> Integer.parseInt(status.trim())));
    Map<String, String> others = new LinkedHashMap<>();
    statuses.forEach((status, meaning) -> (status.trim().matches("[0-9]+") ? numbered : others).put(status, meaning));
    Map<String, String> sorted = new LinkedHashMap<>(numbered);
    sorted.putAll(others);
    return sorted;
  }

  /**
   * Adds what picocli's page lacks to the page of {@code spec} and of each subcommand: ENVIRONMENT
   * and SEE ALSO (the other pages, the docs), and the manual's and the source's name: recpipe's, not
   * the tool's ({@code deal (recpipe) 0.1.0} was the source of fanout-deal).
   */
  private static void addSections(CommandSpec spec, ManPageTexts texts, Path dir, List<String> pages) throws IOException {
    String name = pageName(spec);
    Path file = dir.resolve(name + ".adoc");
    String page = Files.readString(file, StandardCharsets.UTF_8)
        .replaceFirst("(?m)^:manmanual: .*$", ":manmanual: recpipe Manual")
        .replaceFirst("(?m)^:mansource: .*\\(recpipe\\)", ":mansource: recpipe");
    Files.writeString(file, page + sections(texts.of(name), seeAlso(name, pages)), StandardCharsets.UTF_8);
    for (CommandLine subcommand : spec.subcommands().values()) addSections(subcommand.getCommandSpec(), texts, dir, pages);
  }

  /** The ENVIRONMENT and SEE ALSO sections of a page, in AsciiDoc. */
  static String sections(ManPageTexts.Texts texts, List<String> otherPages) {
    StringBuilder text = new StringBuilder("\n== Environment\n\n");
    text.append(String.join("\n\n", texts.environment())).append("\n\n== See also\n\n");
    text.append(otherPages.stream().map(page -> "*" + page + "*(1)").collect(Collectors.joining(", ")));
    text.append("\n\nIn recpipe's source tree: ").append(String.join(", ", texts.docs())).append(".\n");
    return text.toString();
  }

  /**
   * The pages a page points to: every tool's, and those of its own tool's subcommands (fanout's
   * points to fanout-deal, fanout-deal's to fanout and fanout-merge).
   */
  static List<String> seeAlso(String page, List<String> pages) {
    String tool = page.split("-")[0];
    return pages.stream()
        .filter(other -> !other.equals(page) && (!other.contains("-") || other.startsWith(tool + "-")))
        .toList();
  }

  /** Description lines to AsciiDoc paragraphs: see {@link #adapt}. */
  static String[] paragraphs(String[] lines) {
    List<String> paragraphs = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) continue;
      int last = paragraphs.size() - 1;
      if (isIndented(line) && last >= 0 && isIndented(paragraphs.get(last))) {
        paragraphs.set(last, paragraphs.get(last) + "%n" + line);
      } else {
        if (last >= 0) paragraphs.add("");
        paragraphs.add(line);
      }
    }
    return paragraphs.toArray(new String[0]);
  }

  private static boolean isIndented(String line) {
    return line.startsWith(" ");
  }

  /** The AsciiDoc pages in {@code dir}, by path, with their text; none if there is no {@code dir}. */
  private static Map<Path, String> contents(Path dir) throws IOException {
    Map<Path, String> contents = new TreeMap<>();
    if (!Files.isDirectory(dir)) return contents;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.toString().endsWith(".adoc")) contents.put(file, Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return contents;
  }

  /** {@code fanout-deal.adoc} to {@code fanout-deal.1}. */
  private static String roffName(Path adoc) {
    String name = adoc.getFileName().toString();
    return name.substring(0, name.length() - ".adoc".length()) + ".1";
  }
}

package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java stage in a Maven project of its own, as docs/stages.md walks through it: the page's own
 * {@code mvn} commands install {@code common} from a copy of this source tree, then build a copy of
 * examples/stage-template against it, and the stage it makes runs under {@code fanout -n 2}.
 *
 * <p>Nothing is installed into the local repository other builds share: the builds here use a
 * local repository of their own, which reads what it lacks from the running build's local repository
 * (a {@code file:} repository, so no network is needed once this build has run), then from Maven
 * Central.
 */
@Timeout(600)
class StageTemplateIT {
  private static final Path TEMPLATE = Shell.ROOT.resolve("examples/stage-template");
  private static final Pattern SH_BLOCK = Pattern.compile(
      "### In a Maven project of your own\n.*?```sh\n(.*?)```", Pattern.DOTALL);
  /** Not part of a fresh clone, and large: left out of the copy of the source tree. */
  private static final Set<String> NOT_COPIED = Set.of("target", ".git", "node_modules", ".cifuzz-corpus");

  @TempDir Path dir;

  @Test
  void theTemplateBuiltAsTheDocsSayRunsUnderFanoutAndFailsAsAStageShould() throws Exception {
    List<String> commands = mavenCommandsOfTheDocs();
    assertEquals(2, commands.size(), "the page's mvn commands: install common, package the template: " + commands);
    Files.writeString(dir.resolve("settings.xml"), settings(dir.resolve("repository")));
    copyTree(Shell.ROOT, dir.resolve("recpipe"));
    copyTree(TEMPLATE, dir.resolve("my-stage"));

    maven(dir.resolve("recpipe"), commands.get(0));
    try (Stream<Path> installed = Files.list(dir.resolve("repository/dev/recpipe"))) {
      assertEquals(List.of("recpipe-common", "recpipe-parent"),
          installed.map(p -> p.getFileName().toString()).sorted().toList(), "what the install put in the repository");
    }
    maven(dir.resolve("my-stage"), commands.get(1));
    assertTrue(Files.isRegularFile(dir.resolve("my-stage/target/my-stage.jar")));

    Result made = Shell.bash(dir, "gencsv 3000 6 41 > rows.csv && gencsv 2000 5 42 --min -" + (Long.MAX_VALUE - 1)
        + " --max " + (Long.MAX_VALUE - 1) + " > big.csv");
    assertEquals(0, made.status(), made.stderr());
    Files.writeString(dir.resolve("scaled.py"), PYTHON_SCALED);
    for (String file : List.of("rows.csv", "big.csv")) {
      // the launcher by its path, and by name through a symbolic link on PATH, as fanout finds a tool
      Result result = Shell.bash(dir, "mkdir -p bin && ln -sf ../my-stage/my-stage bin/my-stage"
          + " && reader " + file + " | fanout -n 2 ./my-stage/my-stage --by 3 | writer | cmp - <(python3 scaled.py 3 < " + file + ")"
          + " && PATH=\"$PWD/bin:$PATH\" && reader " + file + " | fanout -n 2 -b 7 my-stage --by -123456789012"
          + " | writer | cmp - <(python3 scaled.py -123456789012 < " + file + ") && echo same");
      assertEquals(new Result(0, "same\n", ""), result, file);
    }
  }

  @Test
  void theTemplatePinsThePluginVersionsOfThisBuild() throws IOException {
    // The template's build must need no plugin this build did not download: the same versions.
    Pattern pinned = Pattern.compile("<artifactId>(maven-[a-z]+-plugin)</artifactId>\\s*<version>([^<]+)</version>");
    Map<String, String> ours = new TreeMap<>();
    for (Matcher m = pinned.matcher(Files.readString(Shell.ROOT.resolve("pom.xml"))); m.find(); ) ours.put(m.group(1), m.group(2));
    Map<String, String> template = new TreeMap<>();
    for (Matcher m = pinned.matcher(Files.readString(TEMPLATE.resolve("pom.xml"))); m.find(); ) template.put(m.group(1), m.group(2));
    assertEquals(Set.of("maven-compiler-plugin", "maven-install-plugin", "maven-jar-plugin", "maven-resources-plugin",
        "maven-shade-plugin", "maven-surefire-plugin"), template.keySet());
    for (Map.Entry<String, String> plugin : template.entrySet()) {
      assertEquals(ours.get(plugin.getKey()), plugin.getValue(), plugin.getKey() + ": the template's version and the build's");
    }
    String root = Files.readString(Shell.ROOT.resolve("pom.xml"));
    Matcher version = Pattern.compile("<artifactId>recpipe-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(root);
    assertTrue(version.find());
    assertTrue(Files.readString(TEMPLATE.resolve("pom.xml")).contains("<recpipe.version>" + version.group(1) + "</recpipe.version>"),
        "the template depends on this build's version, " + version.group(1));
  }

  @Test
  void theTemplatesStageFailsOnARecordThatIsNotARowAsAStageShould() throws Exception {
    // built by javac against this build's jar: the failure paths are the stage API's, checked here
    // without a second Maven build
    Result result = Shell.bash(dir, "mkdir classes && javac -d classes -cp '" + Shell.ROOT.resolve("summer/target/summer.jar") + "' "
        + "'" + TEMPLATE.resolve("src/main/java/org/example/stage/MyStage.java") + "'"
        + " && echo good > out.csv && printf '1,2\\n3,4\\n' | reader | { cat; printf '\\202\\002\\141x'; }"
        + " | java -cp '" + Shell.ROOT.resolve("summer/target/summer.jar") + ":classes' org.example.stage.MyStage --by 5"
        + " | tee stage.out | writer -o out.csv; echo \"${PIPESTATUS[*]}\"; cat out.csv; od -An -tx1 stage.out");
    assertEquals("0 0 0 1 0 1\ngood\n 82 00 82 05 0a 82 01 82 0f 14 ff\n", result.stdout(), result.stderr());
    assertEquals("my-stage: record seq 2 (byte offset 10): expected an array of integers, found x\n"
        + "writer: input ends with an abort mark at byte offset 10: an earlier stage failed\n", result.stderr());
  }

  /** The {@code mvn} lines of the page's sh block, comments dropped. */
  private static List<String> mavenCommandsOfTheDocs() throws IOException {
    Matcher block = SH_BLOCK.matcher(Files.readString(Shell.ROOT.resolve("docs/stages.md")));
    assertTrue(block.find(), "docs/stages.md has an sh block under 'In a Maven project of your own'");
    return block.group(1).lines().filter(line -> line.startsWith("mvn "))
        .map(line -> line.replaceFirst("\\s*#.*", "")).toList();
  }

  /** Runs a command of the page with the private settings; fails the test with Maven's output. */
  private void maven(Path workDir, String command) throws Exception {
    Result result = Shell.run(workDir, Duration.ofMinutes(5), "sh", "-c", command + " -s '" + dir.resolve("settings.xml") + "'");
    assertEquals(0, result.status(), command + "\n" + result.stdout() + result.stderr());
  }

  /**
   * Maven settings: a local repository in {@code repository}, and the running build's local
   * repository as the first remote one, for everything this build has downloaded already.
   */
  private static String settings(Path repository) {
    String cache = Path.of(System.getProperty("recpipe.localRepository",
        System.getProperty("user.home") + "/.m2/repository")).toUri().toString();
    String remote = "<id>build-cache</id><url>" + cache + "</url><snapshots><enabled>false</enabled></snapshots>";
    return "<settings>\n"
        + "  <localRepository>" + repository + "</localRepository>\n"
        + "  <profiles><profile><id>build-cache</id>\n"
        + "    <repositories><repository>" + remote + "</repository></repositories>\n"
        + "    <pluginRepositories><pluginRepository>" + remote + "</pluginRepository></pluginRepositories>\n"
        + "  </profile></profiles>\n"
        + "  <activeProfiles><activeProfile>build-cache</activeProfile></activeProfiles>\n"
        + "</settings>\n";
  }

  /** Copies a tree as a fresh clone would have it: no build output, no Git directory. */
  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
        if (NOT_COPIED.contains(directory.getFileName().toString())) return FileVisitResult.SKIP_SUBTREE;
        Files.createDirectories(to.resolve(from.relativize(directory).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * {@code python3 scaled.py FACTOR < rows.csv}: the template stage's output through writer,
   * computed in Python: each row's index, then every integer times FACTOR.
   */
  private static final String PYTHON_SCALED = """
      import sys
      factor = int(sys.argv[1])
      for seq, line in enumerate(sys.stdin):
          print(",".join([str(seq)] + [str(int(n) * factor) for n in line.strip().split(",")]))
      """;
}

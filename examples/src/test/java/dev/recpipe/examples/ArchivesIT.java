package dev.recpipe.examples;

import static dev.recpipe.examples.Shell.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recpipe.examples.Shell.Result;
import dev.recpipe.common.cli.ToolTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archives of the launchers (bin/recpipe-cds, bin/recpipe): the build's class-data
 * sharing archive is what summer's classes are loaded from, summer reading records loads neither
 * Jackson nor the CSV parser, and under a JDK 25 or newer
 * recpipe-cds makes AOT caches, which the launchers use there, and only while newer than their jar.
 * The JDK 25 test runs where one is installed (JDK25_HOME, or under /usr/lib/jvm), and says so when
 * it skips.
 */
@Timeout(300)
class ArchivesIT {
  private static final List<String> MODULES = jars();
  private static final String SUMMER_FROM_ARCHIVE = "dev.recpipe.summer.SummerCommand source: shared objects file";

  @TempDir Path dir;

  /** [0, [1, 2, 3]] to summer, its output in hex on stdout, the classes it loaded on stderr. */
  private static final String SUMMER =
      "printf '\\202\\000\\203\\001\\002\\003' | RECPIPE_JAVA_OPTS=-Xlog:class+load:stderr summer | od -An -tx1";

  @Test
  void summersClassesComeFromTheBuildsArchive() throws Exception {
    Result run = sh(dir, SUMMER);
    assertEquals(0, run.status(), run.stderr());
    assertEquals(" 82 00 06\n", run.stdout());
    assertTrue(run.stderr().contains(SUMMER_FROM_ARCHIVE), "summer's classes came from its jar");
    assertFalse(run.stderr().contains("com.fasterxml.jackson"), "a worker reading integers loaded Jackson");
    assertFalse(run.stderr().contains("dev.recpipe.common.csv."), "a worker reading records loaded CSV classes");
    assertFalse(run.stderr().contains("[class,load] picocli."), "a worker started without arguments loaded picocli");
    assertEquals(List.of(), loadedOutsideTheArchive(run.stderr(), "dev.recpipe."), "recpipe classes not archived");
  }

  /**
   * A stage run with an option parses its command line with picocli, whose classes a run without
   * one never loads: it starts from the second archive recpipe-cds makes, summer.jar.args.jsa,
   * trained with an option. From the first one, 588 classes came from the jar and reflection (0.30 s
   * of CPU against 0.075 s bare, JDK 17); the same classes put into the first one made every run
   * without options 15 ms slower (bench/results/worker-startup.md).
   */
  @Test
  void aStageRunWithAnOptionStartsFromTheArchiveOfRunsWithOptions() throws Exception {
    Result run = sh(dir, SUMMER.replace("summer |", "summer --verbose |"));
    assertEquals(0, run.status(), run.stderr());
    assertEquals(" 82 00 06\n", run.stdout());
    assertTrue(run.stderr().contains("[class,load] picocli.CommandLine source: shared objects file"), "picocli came from its jar");
    List<String> outside = loadedOutsideTheArchive(run.stderr(), "");
    assertTrue(outside.size() < 30, outside.size() + " classes loaded outside the archive: " + outside);
  }

  /**
   * What a worker's start costs beyond a bare JVM's (bench/results/worker-startup.md): no class made
   * at run time (a method handle's LambdaForm, spun by a lambda's or a VarHandle's bootstrap) and no
   * VarHandle at all, on summer's whole path over records.
   */
  @Test
  void summerSpinsNoClassAndBootstrapsNoVarHandle() throws Exception {
    Result run = sh(dir, SUMMER);
    assertEquals(0, run.status(), run.stderr());
    assertEquals(List.of(), loadedOutsideTheArchive(run.stderr(), "java.lang.invoke."), "classes spun at run time");
    assertFalse(run.stderr().contains("java.lang.invoke.VarHandleByteArray"), "a byte-array VarHandle was bootstrapped");
    assertFalse(run.stderr().contains("Streams$$Lambda"), "the standard streams were set up with a lambda");
  }

  /**
   * A worker's start maps the JDK's archived module graph, which the JVM otherwise builds at every
   * start, in the interpreter: on JDK 17 only under G1, which the launcher picks there for summer
   * (LauncherIT.theCollectorIsG1WhereOnlyG1MapsTheJdksModuleGraph); it took summer's start-up from
   * 42 to 33 ms of CPU. The JDK is the one the tools run on here; the log's tag is aot from JDK 25.
   */
  @Test
  void summersStartMapsTheJdksArchivedModuleGraph() throws Exception {
    String log = Runtime.version().feature() >= 25 ? "-Xlog:cds=info -Xlog:aot=info" : "-Xlog:cds=info";
    Result run = sh(dir, "RECPIPE_JAVA_OPTS='" + log + "' summer < /dev/null 2>&1 | grep 'full module graph'");
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.stdout().contains("full module graph: enabled"), run.stdout());
  }

  /** The classes named {@code prefix...} in a -Xlog:class+load log that did not come from the CDS archive. */
  private static List<String> loadedOutsideTheArchive(String log, String prefix) {
    return log.lines()
        .filter(line -> line.contains("[class,load] " + prefix) && !line.contains("source: shared objects file"))
        .toList();
  }

  @Test
  void aJdk25GetsAotCachesThatTheLaunchersUse() throws Exception {
    Optional<Path> jdk = jdk25();
    assumeTrue(jdk.isPresent(), "no JDK 25 or newer: set JDK25_HOME to test the AOT caches");
    Path root = copyOfTheTools();
    String javaHome = "export JAVA_HOME='" + jdk.get() + "'; ";
    Result made = sh(root, javaHome + "bin/recpipe-cds");
    assertEquals(new Result(0, "", ""), made);
    for (String module : MODULES) {
      assertTrue(Files.isRegularFile(root.resolve(module + "/target/" + module + ".jar.aot")), module);
    }
    assertTrue(Files.isRegularFile(root.resolve("summer/target/summer.jar.args.aot")), "summer's cache of runs with options");
    try (Stream<Path> left = Files.walk(root)) {
      assertEquals(List.of(), left.filter(p -> p.toString().contains(".tmp")).toList(), "temporary files left");
    }

    String summer = javaHome + "PATH=$PWD/bin:$PATH; " + SUMMER;
    Result cached = sh(root, summer);
    assertEquals(0, cached.status(), cached.stderr());
    assertEquals(" 82 00 06\n", cached.stdout());
    assertTrue(cached.stderr().contains(SUMMER_FROM_ARCHIVE), "the AOT cache was not used");
    // From JDK 21 on, System.exit looks up Runtime.exit's System.Logger: 6 ms of CPU at every exit
    // (Tool.main returns instead, on success)
    assertFalse(cached.stderr().contains("jdk.internal.logger."), "summer's exit looked up a System.Logger");

    // the same JDK found on PATH, by its own bin/java, with no JAVA_HOME: its release file says 25 too
    if (!Files.isSymbolicLink(jdk.get().resolve("bin/java"))) {
      Result onPath = sh(root, "unset JAVA_HOME; PATH=$PWD/bin:'" + jdk.get().resolve("bin") + "':$PATH; " + SUMMER);
      assertEquals(0, onPath.status(), onPath.stderr());
      assertTrue(onPath.stderr().contains(SUMMER_FROM_ARCHIVE), "the AOT cache was not used with the JDK found on PATH");
    }

    Path jar = root.resolve("summer/target/summer.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Result stale = sh(root, summer);
    assertEquals(0, stale.status(), stale.stderr());
    assertFalse(stale.stderr().contains(SUMMER_FROM_ARCHIVE), "an AOT cache older than its jar was used");
  }

  /**
   * recpipe-cds run by a user who can't write beside the jars (a build or an install of another
   * user's): it exited 0 having made no archive and said nothing (the JVM's "Cannot open file" went
   * to a file it then deleted), so make install's "no CDS archives; tools start slower" never showed.
   * The launchers work on without archives, from a tree they can't write.
   */
  @Test
  void recpipeCdsInATreeItCannotWriteFailsSayingWhere() throws Exception {
    assumeTrue(sh(dir, "[ \"$(id -u)\" = 0 ] && command -v setpriv").status() == 0, "needs root and setpriv to run as another user");
    Path root = copyOfTheTools();
    assertEquals(0, sh(dir, "chmod 755 .").status());
    String asNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups env PATH=\"$PWD/bin:$PATH\" HOME=/nonexistent ";
    Result made = sh(root, asNobody + "bin/recpipe-cds; echo $?; ls */target | grep -c 'jsa\\|aot\\|tmp' || true");
    assertEquals(new Result(0, "1\n0\n", "recpipe-cds: cannot write reader.jar's archive beside it: "
        + root.resolve("reader/target") + ": Permission denied\n"), made);
    Result run = sh(root, asNobody + "sh -c 'reader --lines /dev/null | writer; echo $?'");
    assertEquals(new Result(0, "0\n", ""), run);
  }

  /** bin/ and the tools' jars, in a directory of this test's: recpipe-cds writes beside the jars. */
  private Path copyOfTheTools() throws IOException, InterruptedException {
    Path root = dir.resolve("tree");
    Files.createDirectories(root.resolve("bin"));
    try (Stream<Path> launchers = Files.list(Shell.BIN)) {
      for (Path launcher : launchers.toList()) {
        Path copy = root.resolve("bin").resolve(launcher.getFileName());
        Files.copy(launcher, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      }
    }
    Files.copy(Shell.ROOT.resolve(ToolTable.FILE_NAME), root.resolve(ToolTable.FILE_NAME));
    for (String module : MODULES) {
      Path target = Files.createDirectories(root.resolve(module + "/target"));
      Files.copy(Shell.ROOT.resolve(module + "/target/" + module + ".jar"), target.resolve(module + ".jar"));
    }
    Result stub = sh(root, "cp -R '" + Shell.ROOT.resolve("fanout/target/native") + "' fanout/target/native");
    assertEquals(0, stub.status(), stub.stderr());
    return root;
  }

  /** The tools' jars, by module: those of the tool table. */
  private static List<String> jars() {
    try {
      return ToolTable.read(Shell.ROOT.resolve(ToolTable.FILE_NAME)).rows().stream().map(ToolTable.Row::jar).distinct().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JDK of feature version 25 or newer: JDK25_HOME, else the first under /usr/lib/jvm. */
  static Optional<Path> jdk25() throws IOException {
    String given = System.getenv("JDK25_HOME");
    if (given != null && !given.isEmpty()) return Optional.of(Path.of(given));
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) return Optional.empty();
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(home -> feature(home) >= 25).sorted().findFirst();
    }
  }

  /** The JDK's feature version from its release file ({@code JAVA_VERSION="25.0.3"}), or 0. */
  private static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (!line.startsWith("JAVA_VERSION=\"")) continue;
        String version = line.substring("JAVA_VERSION=\"".length());
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) end++;
        return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
      }
    } catch (IOException | RuntimeException e) {
      // not a JDK, or not one we can read: not the one we look for
    }
    return 0;
  }
}

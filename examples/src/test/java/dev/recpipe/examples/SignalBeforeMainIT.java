package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.examples.Shell.Result;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to one stage after its JVM started but before its main ran (SignalBeforeMainAgent makes
 * that moment certain): the stage exits 143, as on a signal at any other moment, says nothing on
 * stderr (it once printed "Exception in thread "main" java.lang.IllegalStateException: Shutdown in
 * progress" and a stack trace: main could no longer add its shutdown hook), and ends its output with
 * the abort mark, so the next stage fails instead of taking an empty stream for a whole one.
 */
@Timeout(120)
class SignalBeforeMainIT {
  @TempDir static Path dir;

  @BeforeAll
  static void makeAgent() throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), SignalBeforeMainAgent.class.getName());
    String entry = SignalBeforeMainAgent.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(dir.resolve("agent.jar"));
        JarOutputStream jar = new JarOutputStream(file, manifest)) {
      jar.putNextEntry(new JarEntry(entry));
      try (var in = SignalBeforeMainAgent.class.getClassLoader().getResourceAsStream(entry)) {
        in.transferTo(jar);
      }
      jar.closeEntry();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"summer", "reader rows.csv", "writer", "fanout -n 2 summer"})
  void aSignalBeforeMainEndsTheStageWith143AndTheAbortMark(String stage) throws Exception {
    Result result = Shell.bash(dir, "echo 1,2 > rows.csv; RECPIPE_JAVA_OPTS=-javaagent:agent.jar " + stage
        + " < /dev/null > out; echo $?; od -An -tx1 out");
    boolean records = !stage.equals("writer"); // writer writes text: nothing to mark
    assertEquals(new Result(0, "143\n" + (records ? " ff\n" : ""), ""), result, stage);
  }
}

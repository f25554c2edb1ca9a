package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recpipe.examples.Shell.Result;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's quick start, as a newcomer copies it: clean output, the serial pipeline's bytes. */
@Timeout(300)
class QuickStartIT {
  private static String quickStart() throws Exception {
    String readme = Files.readString(Shell.ROOT.resolve("README.md"));
    Matcher block = Pattern.compile("## Quick start.*?```sh\n(.*?)\n```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README has a Quick start with a sh block");
    return block.group(1);
  }

  @Test
  void theQuickStartPipelinePrintsTheSerialPipelinesBytes() throws Exception {
    String command = quickStart();
    String build = "mvn -q -B -DskipTests package && ";
    assertTrue(command.startsWith(build), command);
    String pipeline = command.substring(build.length()); // the jars are built: this test runs after package
    Result quick = Shell.run(Shell.ROOT, Duration.ofMinutes(2), "bash", "-c", pipeline);
    Result serial = Shell.run(Shell.ROOT, Duration.ofMinutes(2), "bash", "-c",
        "bin/reader examples/data/rows.csv | bin/summer | bin/writer");
    assertEquals(0, quick.status(), quick.stderr());
    assertEquals(serial.stdout(), quick.stdout());
    assertTrue(quick.stdout().startsWith("0,"), quick.stdout().substring(0, 20));
  }

  @Test
  void theQuickStartsMavenBuildWritesNothingToStdout() throws Exception {
    // Maven 3.8 with -q wrote two colour resets, \e[0m\e[0m, ahead of the first line of output
    Result build = Shell.run(Shell.ROOT, Duration.ofMinutes(3), "bash", "-c",
        "mvn -q -B -o -DskipTests package -pl common");
    assertEquals(0, build.status(), build.stderr());
    assertEquals("", build.stdout());
  }
}

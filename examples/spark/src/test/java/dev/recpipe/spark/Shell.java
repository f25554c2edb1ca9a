package dev.recpipe.spark;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script in bash with the repository's bin/ first on PATH, as a user would, bounded in time:
 * a hang fails the test instead of stalling the build. (The examples module's end-to-end tests have
 * the same helper; this module depends on no other, so it has its own.)
 */
final class Shell {
  static final Path ROOT = Path.of(System.getProperty("recpipe.root", "../..")).toAbsolutePath().normalize();
  static final Path BIN = ROOT.resolve("bin");
  /** Long enough for Spark's start-up and a job on a busy machine, short enough to end a hang. */
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  record Result(int status, String stdout, String stderr) {}

  private Shell() {}

  static Result bash(Path dir, String script) throws IOException, InterruptedException {
    Path out = Files.createTempFile("recpipe-spark-it-stdout", ".txt");
    Path err = Files.createTempFile("recpipe-spark-it-stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().put("PATH", BIN + File.pathSeparator + System.getenv("PATH"));
    Process process = builder.start();
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        fail("timed out after " + TIMEOUT + ": " + script);
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }

  /** {@code text} in single quotes, for a shell. */
  static String quote(Object text) {
    return "'" + text.toString().replace("'", "'\\''") + "'";
  }
}

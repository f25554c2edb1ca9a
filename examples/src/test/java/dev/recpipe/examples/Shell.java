package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script in a real shell with the repository's bin/ first on PATH, as a user would, and
 * bounded in time: a hang fails the test instead of stalling the build.
 */
final class Shell {
  static final Path ROOT = Path.of(System.getProperty("recpipe.root", "..")).toAbsolutePath().normalize();
  static final Path BIN = ROOT.resolve("bin");

  /**
   * The scripts' PATH: bin/ first, then the folder of the Python interpreter that {@code python3}
   * runs, where {@code python3} on PATH is a wrapper that starts it: pyenv's shim, several bash
   * processes, took 0.4-0.8 s a start on a quiet machine against 0.08 s for the interpreter itself,
   * and over a second under load, past the 1 s {@code --stall-timeout} the tests give their Python
   * workers (FaultsIT, SkipFailedIT): a worker was stopped as stalled while its shim still ran.
   */
  static final String PATH = BIN + File.pathSeparator + pythonFolder() + System.getenv("PATH");

  /** How the abort mark, byte ff, reads in a {@link Result}'s stdout: not UTF-8, so U+FFFD. */
  static final String ABORT_MARK = "\uFFFD";

  /** A run's exit status, and its stdout (any byte that is not UTF-8 read as U+FFFD) and stderr. */
  record Result(int status, String stdout, String stderr) {}

  private Shell() {}

  static Result sh(Path dir, String script) throws IOException, InterruptedException {
    return run(dir, Duration.ofMinutes(2), "sh", "-c", script);
  }

  static Result bash(Path dir, String script) throws IOException, InterruptedException {
    return run(dir, Duration.ofMinutes(2), "bash", "-c", script);
  }

  static Result run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("recpipe-it-stdout", ".txt");
    Path err = Files.createTempFile("recpipe-it-stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().put("PATH", PATH);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("timed out after " + timeout + ": " + String.join(" ", command));
    }
    Result result = new Result(process.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  /**
   * The folder of the interpreter {@code python3} runs, with the path separator after it, where it
   * holds a {@code python3} and is not where PATH finds {@code python3}; else nothing.
   */
  private static String pythonFolder() {
    try {
      Process python = new ProcessBuilder("sh", "-c",
          "command -v python3 && python3 -c 'import sys; print(sys.executable)'").redirectErrorStream(true).start();
      String[] lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
      if (python.waitFor() != 0 || lines.length != 2) return "";
      Path found = Path.of(lines[0]).getParent();
      Path folder = Path.of(lines[1]).getParent();
      boolean wrapper = folder != null && !folder.equals(found) && Files.isExecutable(folder.resolve("python3"));
      return wrapper ? folder + File.pathSeparator : "";
    } catch (IOException | RuntimeException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}

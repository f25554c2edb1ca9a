package dev.recpipe.common.testing;

import dev.recpipe.common.cli.Streams;
import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A tool run in memory: what it wrote to stdout and stderr, and its exit status. Tests assert on all
 * three, with exact text, as picocli's own tests do.
 *
 * <pre>{@code
 * ToolRun run = ToolRun.of(new SummerCommand(), input, "--text");
 * assertEquals(0, run.status());
 * assertEquals("6\n", run.stdout());
 * }</pre>
 */
public record ToolRun(int status, byte[] stdoutBytes, String stderr) {
  public static ToolRun of(ToolCommand command, byte[] stdin, String... args) {
    return of(command, new ByteArrayInputStream(stdin), args);
  }

  public static ToolRun of(ToolCommand command, java.io.InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status = Tool.run(command, new Streams(stdin, out, errStream), args);
    errStream.flush();
    return new ToolRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  public String stdout() {
    return new String(stdoutBytes, StandardCharsets.UTF_8);
  }
}

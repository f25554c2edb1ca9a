package dev.recpipe.common.cli;

import dev.recpipe.common.AbortableOutput;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The three standard streams a tool works on, passed in so tests can run a tool in memory.
 *
 * <p>{@link #system()} uses the raw file descriptors, not {@code System.out}: a {@link PrintStream}
 * swallows {@code IOException}, and a tool must see a closed or full stdout to stop and report it.
 * Tools buffer their own output; nobody closes these streams but the process exit.
 */
public record Streams(InputStream in, OutputStream out, PrintStream err) {
  /**
   * The process's streams: failures name {@code stdin} or {@code stdout}, and stdout is an {@link
   * AbortableOutput}, which {@link Tool#main} ends with the abort mark when the tool fails or is
   * stopped. A stream the process was started without ({@code <&-}, {@code >&-}), which the
   * launcher reports in the system properties {@code recpipe.stdin} and {@code recpipe.stdout} as
   * {@code closed} (it opens /dev/null there so that the JVM's own files can't take the number),
   * fails on first use with {@code stdin is closed}.
   */
  public static Streams system() {
    InputStream in = isClosed("recpipe.stdin")
        ? LabeledInputStream.closed("stdin")
        : new LabeledInputStream(new FileInputStream(FileDescriptor.in), "stdin");
    return new Streams(
        in,
        new AbortableOutput(stdout(), new Terminal.Stdout()),
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
  }

  /** The process's stdout, unbuffered: failures name {@code stdout}, and a closed one says so (see {@link #system()}). */
  static OutputStream stdout() {
    return isClosed("recpipe.stdout")
        ? LabeledOutputStream.closed("stdout")
        : new LabeledOutputStream(new FileOutputStream(FileDescriptor.out), "stdout");
  }

  /**
   * The process's stderr as a stream of data ({@code writer -o /dev/stderr}), unbuffered: failures
   * name {@code stderr}, and a closed one ({@code 2>&-}, which the launcher reports in {@code
   * recpipe.stderr}) says so, as stdout does (see {@link #system()}): the lines would go into the
   * /dev/null the launcher opened in its place.
   */
  public static OutputStream stderr() {
    return isClosed("recpipe.stderr")
        ? LabeledOutputStream.closed("stderr")
        : new LabeledOutputStream(new FileOutputStream(FileDescriptor.err), "stderr");
  }

  /**
   * Whether the process was started without its descriptor {@code fd}, 0, 1 or 2 ({@code <&-}): the
   * launcher then opened /dev/null there, which a name of the descriptor ({@code /dev/stdout}) would
   * open too. False for any other descriptor.
   */
  public static boolean isClosed(int fd) {
    switch (fd) {
      case 0: return isClosed("recpipe.stdin");
      case 1: return isClosed("recpipe.stdout");
      case 2: return isClosed("recpipe.stderr");
      default: return false;
    }
  }

  /**
   * Takes the whole property name: {@code "recpipe." + stream} would compile to an {@code
   * invokedynamic}, and so would a lambda or method reference in {@link #system()}. The first one a
   * process runs bootstraps {@code java.lang.invoke} (method handles, classes spun at run time), which
   * costs a fanout worker milliseconds of CPU (bench/results/worker-startup.md).
   */
  private static boolean isClosed(String property) {
    return "closed".equals(System.getProperty(property));
  }
}

package dev.recpipe.common.cli;

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
  public static Streams system() {
    return new Streams(
        new FileInputStream(FileDescriptor.in),
        new FileOutputStream(FileDescriptor.out),
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
  }
}

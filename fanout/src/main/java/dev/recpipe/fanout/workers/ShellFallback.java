package dev.recpipe.fanout.workers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A program without a {@code #!} line runs under /bin/sh: execve(2) refuses such a file (ENOEXEC),
 * and the JDK then runs it with /bin/sh, as a shell does. Right for a shell script, a puzzle for a
 * Python one ({@code import: not found}); so when such a worker fails, its message says why it may
 * have ({@link #explain}).
 */
public final class ShellFallback {
  static final String HINT = "it has no #! line, so /bin/sh ran it:"
      + " unless it is a shell script, add one such as #!/usr/bin/env python3";
  private static final byte[] HASH_BANG = {'#', '!'};
  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

  private ShellFallback() {}

  /** {@code failure}, with the hint after it if {@code program} is a file that /bin/sh ran. */
  public static String explain(String failure, String program) {
    return ranWithSh(Path.of(program)) ? failure + "; " + HINT : failure;
  }

  /**
   * Whether execve(2) would refuse {@code program} for its format, so that /bin/sh ran it: neither a
   * {@code #!} line nor an ELF header. False if it can't be read: then nothing is known.
   */
  static boolean ranWithSh(Path program) {
    byte[] head;
    try (InputStream in = Files.newInputStream(program)) {
      head = in.readNBytes(ELF.length);
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
    return !startsWith(head, HASH_BANG) && !startsWith(head, ELF);
  }

  private static boolean startsWith(byte[] head, byte[] prefix) {
    return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
  }
}

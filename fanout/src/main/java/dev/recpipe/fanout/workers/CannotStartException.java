package dev.recpipe.fanout.workers;

import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.cli.ExitStatus;
import dev.recpipe.common.cli.HasExitStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker command could not be run, in a shell's words and with a shell's exit status: 127 when
 * there is no such command, 126 when there is one but it can't be executed (no permission, a
 * directory, a missing {@code #!} interpreter). So {@code fanout -n 8 ./stage} fails as
 * {@code sh -c ./stage} would, not with the JDK's {@code error=13} text.
 */
public final class CannotStartException extends RecpipeException implements HasExitStatus {
  /** errno values of execve(2) that say the program can't be run, not that the system is short of something. */
  private static final int ENOENT = 2;
  private static final int E2BIG = 7;
  private static final int EAGAIN = 11;
  private static final int ENOMEM = 12;
  private static final int ENFILE = 23;
  private static final int EMFILE = 24;
  /** How the JDK reports execve's errno: "error=13, Permission denied". */
  private static final Pattern JDK_ERRNO = Pattern.compile("error=(\\d+), (.+)");

  private final ExitStatus status;

  public CannotStartException(String message, ExitStatus status) {
    super(message);
    this.status = status;
  }

  /** The status to end with: {@link ExitStatus#NOT_FOUND}, {@link ExitStatus#NOT_EXECUTABLE}, or a failure (out of resources). */
  @Override
  public ExitStatus exitStatus() {
    return status;
  }

  /** What starting {@code program} with the JDK's {@link ProcessBuilder#start()} failed of, as a shell says it. */
  public static CannotStartException of(String program, IOException e) {
    Matcher errno = errno(e);
    if (errno == null) return new CannotStartException("cannot start " + program + ": " + e.getMessage(), ExitStatus.FAILURE);
    int code = Integer.parseInt(errno.group(1));
    String reason = errno.group(2);
    if (code == EAGAIN || code == ENOMEM || code == ENFILE || code == EMFILE) { // the system is short, not CMD wrong
      return new CannotStartException("cannot start " + program + ": " + reason, ExitStatus.FAILURE);
    }
    if (code == ENOENT && Files.exists(Path.of(program))) { // the program is there: its #! interpreter is not
      return new CannotStartException(program + ": cannot execute: " + interpreter(program) + ": " + reason,
          ExitStatus.NOT_EXECUTABLE);
    }
    return new CannotStartException(program + ": " + reason, code == ENOENT ? ExitStatus.NOT_FOUND : ExitStatus.NOT_EXECUTABLE);
  }

  /**
   * Whether the start failed because the arguments were too long (E2BIG): for {@code --each}, a
   * record's text past what an argument may hold (128 KiB on Linux), the record's fault, not CMD's.
   */
  public static boolean isArgumentListTooLong(IOException e) {
    Matcher errno = errno(e);
    return errno != null && Integer.parseInt(errno.group(1)) == E2BIG;
  }

  /** The JDK's "error=N, reason" in {@code e} or its causes, or null. */
  private static Matcher errno(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = t.getMessage() == null ? null : JDK_ERRNO.matcher(t.getMessage());
      if (m != null && m.find()) return m;
    }
    return null;
  }

  /** "bad interpreter /usr/bin/pyhton3", from the script's {@code #!} line. */
  private static String interpreter(String program) {
    try (BufferedReader in = Files.newBufferedReader(Path.of(program), StandardCharsets.ISO_8859_1)) {
      String line = in.readLine();
      if (line != null && line.startsWith("#!")) return "bad interpreter " + line.substring(2).trim();
    } catch (IOException unreadable) {
      // say it without the name
    }
    return "bad interpreter";
  }
}

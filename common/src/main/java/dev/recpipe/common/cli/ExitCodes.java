package dev.recpipe.common.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit statuses every recpipe tool uses, listed in each tool's {@code --help}. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Bad data, an I/O failure, or a failed worker: a message on stderr says which. */
  public static final int FAILURE = 1;
  /** Bad options or arguments. */
  public static final int USAGE = 2;
  public static final int HANGUP = 129;
  public static final int INTERRUPTED = 130;
  /** Stdout was closed early by the reader (e.g. {@code | head}); nothing is printed. */
  public static final int BROKEN_PIPE = 141;
  public static final int TERMINATED = 143;

  private ExitCodes() {}

  /** The list for {@code --help}, in picocli's "code:description" form. */
  public static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    list.put(" " + OK, "success");
    list.put(" " + FAILURE, "bad input data or an I/O failure (message on stderr)");
    list.put(" " + USAGE, "bad options or arguments");
    list.put(String.valueOf(HANGUP), "hung up (SIGHUP)");
    list.put(String.valueOf(INTERRUPTED), "interrupted (SIGINT)");
    list.put(String.valueOf(BROKEN_PIPE), "stdout closed early, e.g. by `| head` (no message)");
    list.put(String.valueOf(TERMINATED), "terminated (SIGTERM)");
    return list;
  }
}

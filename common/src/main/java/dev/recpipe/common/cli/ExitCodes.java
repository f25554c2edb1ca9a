package dev.recpipe.common.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

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
    return helpList(Map.of());
  }

  /**
   * The same with a tool's own statuses, which add to or replace the common ones (by number), in
   * numerical order.
   */
  public static Map<String, String> helpList(Map<Integer, String> own) {
    Map<Integer, String> all = new TreeMap<>();
    all.put(OK, "success");
    all.put(FAILURE, "bad input data or an I/O failure (message on stderr)");
    all.put(USAGE, "bad options or arguments");
    all.put(HANGUP, "hung up (SIGHUP)");
    all.put(INTERRUPTED, "interrupted (SIGINT)");
    all.put(BROKEN_PIPE, "stdout closed early, e.g. by `| head` (no message)");
    all.put(TERMINATED, "terminated (SIGTERM)");
    all.putAll(own);
    Map<String, String> list = new LinkedHashMap<>();
    all.forEach((code, meaning) -> list.put(code < 10 ? " " + code : String.valueOf(code), meaning));
    return list;
  }
}

package dev.recpipe.common.cli;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of recpipe's tools, each with its usual meaning: the one list that runs,
 * {@code --help} and the man pages take them from. A tool names the ones it can end with and may
 * say what one means for it ({@link ToolCommand#exitStatuses()}).
 *
 * <pre>{@code
 * Map<ExitStatus, String> statuses = ExitStatus.meanings(ExitStatus.OK, ExitStatus.NOT_FOUND);
 * statuses.put(ExitStatus.NOT_FOUND, "CMD not found");
 * }</pre>
 */
public enum ExitStatus {
  OK(0, "success"),
  /** Bad data, an I/O failure, or a failed worker: a message on stderr says which. */
  FAILURE(1, "bad input data or an I/O failure (message on stderr)"),
  /** Bad options or arguments. */
  USAGE(2, "bad options or arguments"),
  /**
   * The run went to its end, but some records failed and were left out (fanout {@code --skip-failed}):
   * the output is whole but for them, so it gets no abort mark ({@link #endsOutputWell}).
   */
  SKIPPED(3, "finished, but records that failed were skipped (message on stderr)"),
  /** The shell's status for a command that was found but can't be executed. */
  NOT_EXECUTABLE(126, "command found but not executable"),
  /** The shell's status for a command that was not found. */
  NOT_FOUND(127, "command not found"),
  HANGUP(129, "hung up (SIGHUP)"),
  INTERRUPTED(130, "interrupted (SIGINT)"),
  /** Stdout was closed early by the reader (e.g. {@code | head}); nothing is printed. */
  BROKEN_PIPE(141, "stdout closed early, e.g. by `| head` (no message)"),
  TERMINATED(143, "terminated (SIGTERM)");

  /**
   * The other signals whose default ends a process, which a tool ends on as it does on SIGTERM (see
   * {@link Tool}): listed as one line, since the number is the signal's.
   */
  static final String OTHER_SIGNALS = "another signal that ends a process, as SIGTERM does: SIGUSR1 138, SIGUSR2 140,"
      + " SIGALRM 142, SIGXCPU 152";

  private final int code;
  private final String meaning;

  ExitStatus(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The number the process exits with. */
  public int code() {
    return code;
  }

  /** What the status usually means, as {@code --help} says it. */
  public String meaning() {
    return meaning;
  }

  /**
   * Whether a run that exits with {@code code} wrote all the output it means to: success, or a run
   * that skipped failed records as it was told to. Every other status ends a record stream with the
   * abort mark.
   */
  public static boolean endsOutputWell(int code) {
    return code == OK.code || code == SKIPPED.code;
  }

  /** The given statuses with their usual meanings, in numerical order: a list a tool may then adjust. */
  public static Map<ExitStatus, String> meanings(ExitStatus... statuses) {
    Map<ExitStatus, String> meanings = new EnumMap<>(ExitStatus.class);
    for (ExitStatus status : statuses) meanings.put(status, status.meaning);
    return meanings;
  }

  /**
   * The list for {@code --help}, in picocli's "code:description" form, in numerical order (the
   * enum's): codes below 10 padded to line up with the others.
   */
  static Map<String, String> helpList(Map<ExitStatus, String> meanings) {
    Map<String, String> list = new LinkedHashMap<>();
    new EnumMap<>(meanings).forEach((status, meaning) ->
        list.put(status.code < 10 ? " " + status.code : String.valueOf(status.code), meaning));
    if (meanings.containsKey(TERMINATED)) list.put("128+N", OTHER_SIGNALS);
    return list;
  }
}

package dev.recpipe.common.stage;

import dev.recpipe.common.cli.Tool;

/**
 * A record stage as one function: the value of one record in; zero, one or more values out, each
 * written as a record with the input's seq. {@link #main} turns the function into a complete command,
 * with {@code --help}, {@code --version} and {@code --verbose}, and the error messages, exit statuses,
 * broken-pipe behaviour and bounded memory of the built-in tools. It runs alone in a pipeline or as a
 * worker of {@code fanout}:
 *
 * <pre>{@code
 * public final class Upper {
 *   public static void main(String[] args) {
 *     Stage.main("upper", args, (value, out) -> out.emit(value.readText().toUpperCase()));
 *   }
 * }
 * }</pre>
 *
 * <p>A stage with options of its own extends {@link StageCommand} instead, as {@code summer} does.
 *
 * <p>How the stream is handled, so the function need not: records are read and written one at a
 * time, so memory holds one record and a 64 KiB output buffer whatever the input's size. An
 * exception from the function stops the stage with exit status 1 and the message {@code name: record
 * seq N (byte offset B): message}; the results of the records before it are written, then the abort
 * mark (docs/FORMAT.md), so the stages downstream fail too and no partial output passes for a whole
 * one.
 */
@FunctionalInterface
public interface Stage {
  /**
   * Processes one record. Read its value at most once through {@code value} (or not at all: an unread
   * value is skipped), and emit any number of results through {@code out}.
   *
   * @throws Exception to fail the stage on this record; see the class comment
   */
  void process(Value value, Output out) throws Exception;

  /** Runs {@code stage} as the command {@code name} on the process's standard streams, and exits. */
  static void main(String name, String[] args, Stage stage) {
    Tool.main(StageCommand.of(name, stage), args);
  }
}

package dev.recpipe.fanout.property;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the generated workers do: pass records on ({@code cat}), or one of the planted behaviours of
 * examples/python/worker.py (the fault tests' worker): drop, split one record into several with the
 * same seq, crash once (at a record's start or between two of its results), or crash every time.
 */
enum WorkerKind {
  /** {@code cat}: the output is the input, byte for byte. */
  PASS,
  /** Keeps only the records whose seq is a multiple of the argument (0: drops all). */
  DROP,
  /** Writes each record's sum as many times as the argument says (0: none). */
  SPLIT,
  /** One worker exits 3 at its record number {@code argument}, once in the run; the others sum. */
  CRASH_ONCE,
  /** Splits in two; one worker exits 3 between the two results of its record number {@code argument}, once. */
  CRASH_MID_RECORD,
  /** Every worker, restarted ones too, exits 3 at its record number {@code argument}. */
  CRASH_EVERY_TIME;

  /** Whether it plants a crash. */
  boolean crashes() {
    return this == CRASH_ONCE || this == CRASH_MID_RECORD || this == CRASH_EVERY_TIME;
  }

  /** Whether one restart is sure to get past the crash: the crash happens once per run. */
  boolean crashesOnce() {
    return this == CRASH_ONCE || this == CRASH_MID_RECORD;
  }

  /**
   * The worker command fanout runs, its stderr appended to {@code log}; {@code marker} is the file
   * that makes a crash happen once (worker.py's CRASH_ONCE).
   */
  List<String> command(Path worker, int argument, Path log, Path marker) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", "exec 2>> \"$0\"; exec \"$@\"", log.toString()));
    switch (this) {
      case PASS -> command.add("cat");
      case DROP -> command.addAll(python(worker, "drop", argument));
      case SPLIT -> command.addAll(python(worker, "multiply", argument));
      case CRASH_ONCE -> {
        command.addAll(List.of("env", "CRASH_ONCE=" + marker));
        command.addAll(python(worker, "crash", argument));
      }
      case CRASH_MID_RECORD -> {
        command.addAll(List.of("env", "CRASH_ONCE=" + marker, "CRASH_AFTER=" + argument));
        command.addAll(python(worker, "multiply", 2));
      }
      case CRASH_EVERY_TIME -> command.addAll(python(worker, "crash", argument));
    }
    return command;
  }

  /** The same stage run once over the whole input, without a crash: what fanout must match. Null for cat. */
  List<String> serialCommand(Path worker, int argument) {
    return switch (this) {
      case PASS -> null;
      case DROP -> python(worker, "drop", argument);
      case SPLIT -> python(worker, "multiply", argument);
      case CRASH_ONCE, CRASH_EVERY_TIME -> python(worker, "sum", 0);
      case CRASH_MID_RECORD -> python(worker, "multiply", 2);
    };
  }

  private static List<String> python(Path worker, String mode, int argument) {
    return List.of("python3", worker.toString(), mode, Integer.toString(argument));
  }
}

package dev.recpipe.fanout;

import java.util.List;
import java.util.Set;

/**
 * The command line fanout is usually given, {@code [-n N] [-b N] [--lines | --each] CMD [ARG...]}, read without
 * picocli: building picocli's model of fanout and its subcommands cost more CPU at every start
 * than the rest of fanout's start-up together (bench/results/fanout-startup.md). Anything else
 * is left to picocli: another option, a value picocli would refuse or read otherwise (0, 08, -1,
 * too large), an option given twice, a CMD that is a subcommand's name or starts with {@code -}, or
 * any argument that starts with {@code @} (picocli reads an argument file there). So a command line
 * read here is one picocli reads to the same values without a word (UsualCommandLineTest holds
 * this against picocli).
 */
final class UsualCommandLine {
  /** fanout's subcommands (FanoutCommand's {@code @Command}): their names are not CMDs. */
  static final Set<String> SUBCOMMANDS = Set.of("deal", "merge");

  /** The values read; null where the option was not given. */
  final Integer workers;
  final Integer batch;
  final boolean lines;
  final boolean each;
  final String command;
  final List<String> arguments;

  private UsualCommandLine(Integer workers, Integer batch, boolean lines, boolean each, String command, List<String> arguments) {
    this.workers = workers;
    this.batch = batch;
    this.lines = lines;
    this.each = each;
    this.command = command;
    this.arguments = arguments;
  }

  /**
   * {@code args} read, or null if they are not of the usual form. Nor are the forms a run refuses
   * through picocli's parse result, which a run without picocli has not: {@code --each} with
   * {@code --lines} or with {@code -b} (EachOptions).
   */
  static UsualCommandLine read(String[] args) {
    Integer workers = null;
    Integer batch = null;
    boolean lines = false;
    boolean each = false;
    int i = 0;
    for (; i < args.length && args[i].startsWith("-"); i++) {
      if (!lines && args[i].equals("--lines")) {
        lines = true;
        continue;
      }
      if (!each && args[i].equals("--each")) {
        each = true;
        continue;
      }
      Integer value = i + 1 < args.length ? count(args[i + 1]) : null;
      if (value == null) return null;
      if (workers == null && (args[i].equals("-n") || args[i].equals("--workers"))) {
        workers = value;
      } else if (batch == null && (args[i].equals("-b") || args[i].equals("--batch"))) {
        batch = value;
      } else {
        return null;
      }
      i++;
    }
    if (i == args.length || args[i].startsWith("-") || SUBCOMMANDS.contains(args[i])) return null;
    if (each && (lines || batch != null)) return null;
    return new UsualCommandLine(workers, batch, lines, each, args[i], List.of(args).subList(i + 1, args.length));
  }

  /** A count of 1 or more, in decimal digits with no leading zero, that fits an int; else null. */
  private static Integer count(String value) {
    if (value.isEmpty() || value.length() > 10 || value.charAt(0) == '0') return null;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') return null;
    }
    long count = Long.parseLong(value);
    if (count > Integer.MAX_VALUE) return null;
    return (int) count;
  }
}

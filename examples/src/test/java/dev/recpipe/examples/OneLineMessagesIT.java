package dev.recpipe.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recpipe.common.cli.ToolTable;
import dev.recpipe.examples.Shell.Result;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tool's message is one line, and sends the terminal nothing to act on, whatever text of the
 * user's it quotes: an option's value, an option, an operand, a file name, a command, a tool's name.
 * They went to stderr as they were: {@code summer --delimiter $'\e[31m'} turned the terminal red, and
 * {@code writer --format $'js\non'} wrote one message as two lines. Each control character is now
 * shown as {@code \xNN}, as reader already showed those of a field or a file name.
 */
@Timeout(300)
class OneLineMessagesIT {
  private static final String TRY = "\nTry '%s --help' for more information.\n";

  @TempDir Path dir;

  static Stream<Arguments> runs() throws Exception {
    Stream<Arguments> unknownOptions = ToolTable.read(Shell.ROOT.resolve(ToolTable.FILE_NAME)).rows().stream()
        .map(row -> Arguments.of(row.name() + " $'--x\\e[31m'" + (row.name().equals("gencsv") ? " 1 1 1" : ""),
            row.name() + ": unknown option '--x\\x1b[31m'" + String.format(TRY, row.name())));
    return Stream.concat(unknownOptions, Stream.of(
        Arguments.of("summer --delimiter $'\\e[31m'", "summer: --delimiter: '\\x1b[31m' is not one character;"
            + " give one ASCII character, or \\t or tab for a tab" + String.format(TRY, "summer")),
        Arguments.of("fanout -n $'1\\e]0;x\\a' summer", "fanout: -n: '1\\x1b]0;x\\x07'"
            + " is not a whole number; give 1 to 2147483647" + String.format(TRY, "fanout")),
        Arguments.of("writer --format $'js\\non'", "writer: --format: 'js\\x0aon' is unknown;"
            + " give csv, tsv, jsonl or lines" + String.format(TRY, "writer")),
        Arguments.of("writer $'in\\x7fput'", "writer: unexpected argument 'in\\x7fput'; writer takes no operands: it reads stdin" + String.format(TRY, "writer")),
        Arguments.of("reader $'no\\nsuch'", "reader: no\\x0asuch: No such file or directory\n"),
        Arguments.of("writer -o $'no\\e[2J/out.csv'", "writer: no\\x1b[2J/out.csv: No such file or directory\n"),
        Arguments.of("fanout -n 1 $'no\\e[2Jcmd'", "fanout: no\\x1b[2Jcmd: command not found\n"),
        Arguments.of("printf '#!/bin/sh\\nexit 1\\n' > $'f\\e[1m'; chmod +x $'f\\e[1m'; reader rows.csv | fanout -n 1 ./$'f\\e[1m'",
            "fanout: worker 1 (f\\x1b[1m) exited with status 1\n"),
        Arguments.of("recpipe $'x\\e[31m'", "recpipe: unknown tool 'x\\x1b[31m' (tools: "
            + String.join(" ", ToolTable.read(Shell.ROOT.resolve(ToolTable.FILE_NAME)).names()) + ")\n")));
  }

  @ParameterizedTest
  @MethodSource("runs")
  void aMessageQuotingAControlCharacterShowsItAndStaysOneLine(String command, String stderr) throws Exception {
    Result result = Shell.bash(dir, "printf '1,2\\n' > rows.csv; " + command + " > /dev/null");
    assertEquals(stderr, result.stderr(), command);
  }
}

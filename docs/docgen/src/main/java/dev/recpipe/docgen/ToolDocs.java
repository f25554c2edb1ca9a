package dev.recpipe.docgen;

import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import dev.recpipe.common.cli.ToolTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Writes the tools' man pages and shell completion from the picocli models their runs parse
 * ({@link Tool#commandLine}), so that neither can drift from the options: a build step, not shipped.
 * Neither says what holds only on the build machine ({@link MachineFacts}). The tools are the rows of
 * the tool table, each row's main class a {@link ToolCommand} whose name is the row's.
 *
 * <pre>{@code
 * ToolDocs OUTDIR tools.txt
 * }</pre>
 *
 * <p>writes {@code OUTDIR/man/reader.1}, {@code fanout.1}, {@code fanout-deal.1} ... ({@link
 * ManPages}), {@code OUTDIR/completion/bash/reader} ... and {@code OUTDIR/completion/zsh/_recpipe}
 * ({@link Completions}).
 */
public final class ToolDocs {
  private ToolDocs() {}

  public static void main(String... args) throws IOException, ReflectiveOperationException {
    if (args.length != 2) throw new IllegalArgumentException("usage: ToolDocs OUTDIR TOOL-TABLE");
    Path out = Path.of(args[0]);
    ToolTable table = ToolTable.read(Path.of(args[1]));
    List<CommandLine> tools = new ArrayList<>();
    for (ToolTable.Row row : table.rows()) {
      CommandLine tool = Tool.commandLine(instantiate(row.mainClass()));
      if (!tool.getCommandName().equals(row.name())) {
        throw new IllegalArgumentException(args[1] + ": tool " + row.name() + ": " + row.mainClass()
            + " is the command '" + tool.getCommandName() + "' (its @Command name): they must be the same");
      }
      MachineFacts.leaveOut(tool.getCommandSpec());
      tools.add(tool);
    }
    ManPageTexts texts = new ManPageTexts(table);
    Completions.write(tools, texts, out.resolve("completion"));
    ManPages.write(tools, texts, out.resolve("adoc"), out.resolve("man"));
  }

  private static ToolCommand instantiate(String className) throws ReflectiveOperationException {
    Object command = Class.forName(className).getConstructor().newInstance();
    if (!(command instanceof ToolCommand)) throw new IllegalArgumentException(className + " is not a ToolCommand");
    return (ToolCommand) command;
  }
}

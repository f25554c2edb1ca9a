package dev.recpipe.docgen;

import dev.recpipe.common.cli.Tool;
import dev.recpipe.common.cli.ToolCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Writes the tools' man pages and shell completion from the picocli models their runs parse
 * ({@link Tool#commandLine}), so that neither can drift from the options: a build step, not shipped.
 * Neither says what holds only on the build machine ({@link MachineFacts}).
 *
 * <pre>{@code
 * ToolDocs OUTDIR dev.recpipe.reader.ReaderCommand dev.recpipe.fanout.FanoutCommand ...
 * }</pre>
 *
 * <p>writes {@code OUTDIR/man/reader.1}, {@code fanout.1}, {@code fanout-deal.1} ... ({@link
 * ManPages}), {@code OUTDIR/completion/bash/reader} ... and {@code OUTDIR/completion/zsh/_recpipe}
 * ({@link Completions}).
 */
public final class ToolDocs {
  private ToolDocs() {}

  public static void main(String... args) throws IOException, ReflectiveOperationException {
    if (args.length < 2) throw new IllegalArgumentException("usage: ToolDocs OUTDIR COMMAND-CLASS...");
    Path out = Path.of(args[0]);
    List<CommandLine> tools = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      CommandLine tool = Tool.commandLine(instantiate(args[i]));
      MachineFacts.leaveOut(tool.getCommandSpec());
      tools.add(tool);
    }
    Completions.write(tools, out.resolve("completion"));
    ManPages.write(tools, out.resolve("adoc"), out.resolve("man"));
  }

  private static ToolCommand instantiate(String className) throws ReflectiveOperationException {
    Object command = Class.forName(className).getConstructor().newInstance();
    if (!(command instanceof ToolCommand)) throw new IllegalArgumentException(className + " is not a ToolCommand");
    return (ToolCommand) command;
  }
}

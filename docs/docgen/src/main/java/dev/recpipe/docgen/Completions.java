package dev.recpipe.docgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * Shell completion for the tools: a bash script for each ({@code bash/TOOL}, the name
 * bash-completion looks up; {@link BashCompletion}) and one zsh completion function for them all
 * ({@code zsh/_recpipe}; {@link ZshCompletion}).
 */
final class Completions {
  private Completions() {}

  static void write(List<CommandLine> tools, ManPageTexts texts, Path dir) throws IOException {
    Path bash = Files.createDirectories(dir.resolve("bash"));
    GeneratedFiles.removeAllBut(bash, "", tools.stream().map(CommandLine::getCommandName).toList());
    for (CommandLine tool : tools) {
      Files.writeString(bash.resolve(tool.getCommandName()), BashCompletion.script(tool), StandardCharsets.UTF_8);
    }
    Path zsh = Files.createDirectories(dir.resolve("zsh"));
    Files.writeString(zsh.resolve("_recpipe"), ZshCompletion.script(tools, texts), StandardCharsets.UTF_8);
  }
}

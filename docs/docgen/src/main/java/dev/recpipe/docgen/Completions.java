package dev.recpipe.docgen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Shell completion for the tools: picocli's bash script for each ({@code bash/TOOL}, the name
 * bash-completion looks up), and one zsh completion function for them all ({@code zsh/_recpipe}),
 * which runs those scripts through zsh's bashcompinit.
 */
final class Completions {
  private static final String ZSH_FUNCTION = "_recpipe";

  private Completions() {}

  static void write(List<CommandLine> tools, Path dir) throws IOException {
    Path bash = Files.createDirectories(dir.resolve("bash"));
    for (CommandLine tool : tools) {
      String name = tool.getCommandName();
      Files.writeString(bash.resolve(name), AutoComplete.bash(name, tool), StandardCharsets.UTF_8);
    }
    String names = tools.stream().map(CommandLine::getCommandName).collect(Collectors.joining(" "));
    Path zsh = Files.createDirectories(dir.resolve("zsh"));
    Files.writeString(zsh.resolve(ZSH_FUNCTION), zshTemplate().replace("@TOOLS@", names), StandardCharsets.UTF_8);
  }

  private static String zshTemplate() throws IOException {
    try (InputStream in = Completions.class.getResourceAsStream(ZSH_FUNCTION + ".zsh")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

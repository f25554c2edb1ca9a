package dev.recpipe.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs on every partition: {@code reader | CMD | writer}, with their options. Serializable:
 * each task gets a copy, and builds its processes' command lines from it on its executor.
 *
 * @param input the input's name as the user gave it, for reader's messages ({@code --label})
 * @param tools recpipe's bin directory on the executors, as given ({@link Programs#toolsDirectory})
 * @param reader the reader options
 * @param writerFormat {@code writer -f}, or null for its default (csv)
 * @param command the stage and its arguments
 */
record PipelineSpec(String input, String tools, ReaderOptions reader, String writerFormat, List<String> command)
    implements Serializable {
  PipelineSpec {
    if (command.isEmpty()) throw new IllegalArgumentException("no command");
    command = List.copyOf(command);
  }

  /** The three command lines for one partition, the programs found in {@code tools} or on PATH. */
  List<List<String>> commandLines(PartitionStart start, Path tools) {
    List<String> programs = programs(tools);
    List<String> reader = new ArrayList<>(List.of(programs.get(0)));
    reader.addAll(start.readerArguments(this.reader, input));
    List<String> stage = new ArrayList<>(command);
    stage.set(0, programs.get(1));
    List<String> writer = new ArrayList<>(List.of(programs.get(2)));
    if (writerFormat != null) writer.add("--format=" + writerFormat);
    return List.of(reader, stage, writer);
  }

  /**
   * The programs of the three stages: reader and writer in {@code tools}, the command there or on
   * PATH.
   *
   * @throws PipelineException one of them is not there
   */
  List<String> programs(Path tools) {
    return List.of(Programs.tool(tools, "reader"), Programs.find(command.get(0), tools), Programs.tool(tools, "writer"));
  }

  /** The stages' names in messages: reader, the command's program name, writer. */
  List<String> stageNames() {
    return List.of("reader", Path.of(command.get(0)).getFileName().toString(), "writer");
  }
}

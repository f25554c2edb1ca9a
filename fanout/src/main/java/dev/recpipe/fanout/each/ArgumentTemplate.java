package dev.recpipe.fanout.each;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line {@code fanout --each} runs for one record: {@code CMD ARG...} with every
 * {@code {}} in the ARGs replaced by the record's text, inside a larger argument too
 * ({@code --in={}}), as GNU parallel and {@code xargs -I {}} do. When no ARG holds {@code {}}, the
 * text is appended as the last argument, as both do without a replacement string. CMD itself is
 * never filled in: it is looked up once, before any record.
 *
 * <pre>{@code
 * ArgumentTemplate.of(List.of("/usr/bin/wc", "-l", "{}")).fill("a b.txt")  // [/usr/bin/wc, -l, a b.txt]
 * ArgumentTemplate.of(List.of("/usr/bin/wc", "-l")).fill("a b.txt")        // the same
 * }</pre>
 */
public final class ArgumentTemplate {
  /** What stands for the record's text. */
  public static final String PLACEHOLDER = "{}";

  private final List<String> command;
  private final boolean appends;

  private ArgumentTemplate(List<String> command, boolean appends) {
    this.command = command;
    this.appends = appends;
  }

  /** {@code command}: the program, then its arguments, some holding {@code {}}. */
  public static ArgumentTemplate of(List<String> command) {
    if (command.isEmpty()) throw new IllegalArgumentException("no command");
    List<String> arguments = command.subList(1, command.size());
    boolean appends = arguments.stream().noneMatch(argument -> argument.contains(PLACEHOLDER));
    return new ArgumentTemplate(List.copyOf(command), appends);
  }

  /** The program: the command's first word, never filled in. */
  public String program() {
    return command.get(0);
  }

  /** The command line for a record whose text is {@code value}. */
  public List<String> fill(String value) {
    List<String> filled = new ArrayList<>(command.size() + 1);
    filled.add(command.get(0));
    for (String argument : command.subList(1, command.size())) {
      filled.add(argument.replace(PLACEHOLDER, value));
    }
    if (appends) filled.add(value);
    return filled;
  }
}

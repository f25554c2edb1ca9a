package dev.recpipe.common.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a tool that {@link ToolCommand} reads by itself, without picocli, on a command
 * line made of them and operands only: switches (boolean options) and options of one separate
 * value that a {@link ValueCheck} accepts. A tool's usual command lines ({@code reader --lines F},
 * {@code writer -f lines}) then start without building picocli's model, which costs more CPU than
 * the work of a small input.
 *
 * <p>A command line is read here only if picocli would read it to the same fields without a word:
 * each option at most once (picocli refuses a second), a value as the next argument (not attached:
 * {@code -fcsv} and {@code --format=csv} are picocli's), a value the check accepts (else picocli
 * says what is wrong with it), and every other argument an operand: one that does not start with
 * {@code -}, or {@code -} alone. Anything else, {@code --}, help or an option not in the table, is
 * picocli's ({@link #read} answers null).
 *
 * <pre>{@code
 * static final PlainOptions PLAIN = PlainOptions.NONE.withSwitch("--lines");
 * }</pre>
 */
public final class PlainOptions {
  /** No options: only a command line of operands is read without picocli. */
  public static final PlainOptions NONE = new PlainOptions(List.of());

  /** Accepts a value only where picocli would take it as it is, with no message. */
  public interface ValueCheck {
    boolean accepts(String value);
  }

  /** Any value picocli takes as it is and no option could be mistaken for: not empty, no leading '-' but '-' itself. */
  public static final ValueCheck PLAIN_WORD = new PlainWord();

  private final List<Option> options;

  private PlainOptions(List<Option> options) {
    this.options = options;
  }

  /** These options and a switch (a boolean option, no value) of the given names. */
  public PlainOptions withSwitch(String... names) {
    return with(new Option(names, null));
  }

  /** These options and an option of one value, of the given names, read here if {@code check} accepts it. */
  public PlainOptions withValue(ValueCheck check, String... names) {
    if (check == null) throw new IllegalArgumentException("check == null");
    return with(new Option(names, check));
  }

  /** A check that accepts exactly the names of {@code type}'s constants, which picocli converts as {@code Enum.valueOf} does. */
  public static ValueCheck constantOf(Class<? extends Enum<?>> type) {
    Set<String> names = new HashSet<>();
    for (Enum<?> constant : type.getEnumConstants()) {
      names.add(constant.name());
    }
    return new OneOf(names);
  }

  private PlainOptions with(Option option) {
    List<Option> more = new ArrayList<>(options);
    more.add(option);
    return new PlainOptions(List.copyOf(more));
  }

  /** {@code args} read, or null if picocli must read them (see the class comment). */
  public Given read(String[] args) {
    Map<Option, String> values = new HashMap<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!isOption(arg)) {
        operands.add(arg);
        continue;
      }
      Option option = named(arg);
      if (option == null || values.containsKey(option)) return null;
      String value = "";
      if (option.check != null) {
        if (i + 1 == args.length || !option.check.accepts(args[i + 1])) return null;
        value = args[++i];
      }
      values.put(option, value);
    }
    return new Given(values, operands);
  }

  /** An argument picocli could read as an option, or as {@code --}: what is not an operand. */
  static boolean isOption(String arg) {
    return arg.length() > 1 && arg.charAt(0) == '-';
  }

  private Option named(String name) {
    for (Option option : options) {
      if (option.names.contains(name)) return option;
    }
    return null;
  }

  /** A command line read by {@link #read}: the options given, by any of their names, and the operands in order. */
  public final class Given {
    private final Map<Option, String> values;
    private final List<String> operands;

    private Given(Map<Option, String> values, List<String> operands) {
      this.values = values;
      this.operands = operands;
    }

    /** Whether the option of this name was given. */
    public boolean has(String name) {
      return value(name) != null;
    }

    /** The value of the option of this name ("" for a switch), or null if it was not given. */
    public String value(String name) {
      Option option = named(name);
      if (option == null) throw new IllegalArgumentException("not a plain option: " + name);
      return values.get(option);
    }

    /** Whether no option was given: operands only. */
    public boolean hasNoOptions() {
      return values.isEmpty();
    }

    public List<String> operands() {
      return operands;
    }
  }

  /** One option of the table: its names, and the check of its value (null for a switch). */
  private static final class Option {
    final List<String> names;
    final ValueCheck check;

    Option(String[] names, ValueCheck check) {
      if (names.length == 0) throw new IllegalArgumentException("an option with no name");
      this.names = List.of(names);
      this.check = check;
    }
  }

  private static final class PlainWord implements ValueCheck {
    @Override
    public boolean accepts(String value) {
      return !value.isEmpty() && (value.equals("-") || value.charAt(0) != '-');
    }
  }

  private static final class OneOf implements ValueCheck {
    private final Set<String> values;

    OneOf(Set<String> values) {
      this.values = Set.copyOf(values);
    }

    @Override
    public boolean accepts(String value) {
      return values.contains(value);
    }
  }
}

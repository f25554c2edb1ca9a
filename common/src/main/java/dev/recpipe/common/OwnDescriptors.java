package dev.recpipe.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which of the process's own descriptors a file name stands for: {@code /dev/stdin} is a link to
 * {@code /proc/self/fd/0}, {@code /dev/fd} one to {@code /proc/self/fd}, {@code /dev/stderr} to
 * {@code /proc/self/fd/2}. A tool that opens such a name opens what the descriptor is open on, which
 * is not the stream itself when the process was started without it ({@code <&-}, {@code 2>&-}): the
 * launcher then opens /dev/null there, and the name would read nothing, or swallow what is written.
 *
 * <pre>{@code
 * OwnDescriptors.of(Path.of("/dev/stdin"));   // OptionalInt[0]
 * }</pre>
 */
public final class OwnDescriptors {
  /** Linux's limit on symbolic links followed in one lookup (ELOOP beyond it). */
  private static final int MAX_LINKS = 40;
  /** Where Linux shows a process's descriptors: a name in it is a link to what descriptor N is open on. */
  private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");
  /** Where Linux shows what it knows of each: /proc/self/fdinfo/N, a line a field ({@code pos:}, {@code flags:}). */
  private static final Path OWN_DESCRIPTORS_INFO = Path.of("/proc/self/fdinfo");
  /** The most digits a descriptor's number is read from: more could pass an int's largest. */
  private static final int MAX_DIGITS = 9;

  private OwnDescriptors() {}

  /**
   * N where {@code path} is, or leads through symbolic links to, this process's descriptor N. Empty
   * where that can't be read: the name is then taken as any other.
   */
  public static OptionalInt of(Path path) {
    try {
      for (int links = 0; links <= MAX_LINKS; links++) {
        OptionalInt descriptor = descriptor(path);
        if (descriptor.isPresent() || !Files.isSymbolicLink(path)) return descriptor;
        path = path.resolveSibling(Files.readSymbolicLink(path));
      }
    } catch (IOException | RuntimeException e) {
      // not a descriptor we can tell of
    }
    return OptionalInt.empty();
  }

  /** Where Linux shows what it knows of this process's descriptor N: its position, its open flags. */
  public static Path info(int descriptor) {
    return OWN_DESCRIPTORS_INFO.resolve(Integer.toString(descriptor));
  }

  /**
   * The value of {@code field} ({@code "pos"}, {@code "flags"}) in {@code info}, a descriptor's
   * {@link #info}, as written there (decimal for pos, octal for flags); empty if it has no such line.
   */
  public static Optional<String> infoField(Path info, String field) throws IOException {
    String prefix = field + ":";
    for (String line : Files.readAllLines(info)) {
      if (line.startsWith(prefix)) return Optional.of(line.substring(prefix.length()).trim());
    }
    return Optional.empty();
  }

  /** N where {@code path} names {@code /proc/PID/fd/N} of this process, under any name of its directory. */
  private static OptionalInt descriptor(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Path fileName = path.getFileName();
    if (parent == null || fileName == null || !isNumber(fileName.toString())) return OptionalInt.empty();
    // /proc/self is a link to /proc/PID; their real paths are compared only for a number's name (no
    // ProcessHandle, no regular expression: their classes cost every writer -o's start ~100 classes)
    if (!Files.isDirectory(parent) || !parent.toRealPath().equals(OWN_DESCRIPTORS.toRealPath())) return OptionalInt.empty();
    return OptionalInt.of(Integer.parseInt(fileName.toString()));
  }

  /** Whether {@code name} is 1 to {@link #MAX_DIGITS} digits. */
  private static boolean isNumber(String name) {
    if (name.isEmpty() || name.length() > MAX_DIGITS) return false;
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') return false;
    }
    return true;
  }
}

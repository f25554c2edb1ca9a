package dev.recpipe.common;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file name from the command line as a {@link Path}, or an error that says why the JVM can't
 * name that file. The JVM reads its arguments in the locale's encoding ({@code sun.jnu.encoding}):
 * bytes that are not UTF-8 in a UTF-8 locale come in as U+FFFD, which goes back out as the bytes of
 * U+FFFD, another file's name; in a C locale anything beyond ASCII does, and {@link Path#of} refuses
 * it. Without this, {@code writer -o $'\xff.out'} wrote a file named U+FFFD.out and exited 0.
 *
 * <pre>{@code
 * Path rows = FileNames.path(args[0]);   // LocatedException "\uFFFD.csv: a file name that is not UTF-8, ..."
 * }</pre>
 */
public final class FileNames {
  private FileNames() {}

  /**
   * The path {@code name} names.
   *
   * @throws LocatedException located at {@code name}, if the JVM could not read the name as it was
   *     given (it holds U+FFFD, or what the locale's encoding can't hold)
   */
  public static Path path(String name) throws LocatedException {
    Charset names = jnuCharset();
    boolean utf8 = names.equals(StandardCharsets.UTF_8);
    if (utf8 ? name.indexOf('\uFFFD') >= 0 : !names.newEncoder().canEncode(name)) {
      throw new LocatedException(Location.of(name), utf8
          ? "a file name that is not UTF-8, which the JVM reads as U+FFFD: rename the file"
          : "a file name this locale's encoding, " + names + ", can't hold: run in a UTF-8 locale, e.g. with LC_ALL=C.UTF-8");
    }
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new LocatedException(Location.of(name), e.getReason(), e);
    }
  }

  /**
   * The charset the JVM reads its command line and file names in, and writes a child's command line
   * in ({@code sun.jnu.encoding}): the locale's. UTF-8 if the JVM names none it knows.
   */
  public static Charset jnuCharset() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (RuntimeException unknown) {
      return StandardCharsets.UTF_8;
    }
  }
}

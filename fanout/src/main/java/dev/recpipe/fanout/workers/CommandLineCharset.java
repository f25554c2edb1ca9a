package dev.recpipe.fanout.workers;

import dev.recpipe.common.FileNames;
import dev.recpipe.common.cli.ExitStatus;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The charset the JVM passes a child's command line in, and what it can't pass. The JVM reads its
 * own arguments and writes a child's in the locale's charset: in a locale that is not UTF-8
 * ({@code LC_ALL=C}, or no locale at all, as in many containers), anything beyond ASCII comes in as
 * characters that stand for nothing and goes out as {@code ?}. So fanout refuses such text, an
 * argument for CMD or a record's text under {@code --each}, rather than run CMD on something else.
 * In a UTF-8 locale, bytes of an argument that are not UTF-8 come in as U+FFFD, which goes out as
 * its own three bytes: an argument is refused for that too (a record's text is UTF-8, checked).
 */
public final class CommandLineCharset {
  private CommandLineCharset() {}

  /**
   * Checks CMD and its arguments before any worker starts.
   *
   * @throws CannotStartException naming the first one the locale can't pass on, with status 1
   */
  public static void check(List<String> argv) throws CannotStartException {
    String cmd = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    for (int i = 0; i < argv.size(); i++) {
      String which = i == 0 ? "the command name " + cmd : cmd + "'s argument " + i;
      Charset unfit = unfit(argv.get(i));
      if (unfit != null) {
        throw new CannotStartException(which + " can't be passed on in this locale, whose encoding is " + unfit
            + " (it has characters beyond ASCII): run fanout in a UTF-8 locale, e.g. with LC_ALL=C.UTF-8",
            ExitStatus.FAILURE);
      }
      if (argv.get(i).indexOf('\uFFFD') >= 0) { // in a UTF-8 locale: bytes that were not UTF-8
        throw new CannotStartException(which + " is not UTF-8, which the JVM reads as U+FFFD and would pass on as"
            + " such: write it in UTF-8", ExitStatus.FAILURE);
      }
    }
  }

  /**
   * The JVM's charset for command lines, if it can't encode {@code value} (it would send '?' in
   * place of what it can't), else null: the default charset on JDK 17, the platform's ({@code
   * sun.jnu.encoding}) on later ones. Both are the locale's, so in a C locale any text beyond ASCII
   * is refused, not mangled.
   */
  public static Charset unfit(String value) {
    if (isAscii(value)) return null;
    for (Charset charset : new Charset[] {Charset.defaultCharset(), FileNames.jnuCharset()}) {
      if (!charset.equals(StandardCharsets.UTF_8) && !charset.newEncoder().canEncode(value)) return charset;
    }
    return null;
  }

  private static boolean isAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) return false;
    }
    return true;
  }
}

package dev.recpipe.fanout.testing;

import jnr.ffi.LibraryLoader;

/** umask(2), which the JDK does not offer. It is the whole process's: tests set it back when done. */
public final class Umask {
  /** The C library's umask, bound through jnr-ffi. */
  public interface LibC {
    int umask(int mask);
  }

  private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");

  /** Code run under another umask. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  private Umask() {}

  /** Runs {@code body} with the umask set to {@code mask}, then sets the old one back. */
  public static void under(int mask, Body body) throws Exception {
    int before = LIBC.umask(mask);
    try {
      body.run();
    } finally {
      LIBC.umask(before);
    }
  }
}

package dev.recpipe.writer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * A file's owner, group and permission bits ({@code rwxrwxrwx}, without set-id and sticky bits):
 * what a replacement of the file takes over from it ({@link AtomicFile}).
 */
record Ownership(int uid, int gid, int permissions) {
  /** The bits {@code rwx------}. */
  static final int OWNER_BITS = 0700;
  /** The bits {@code ---rwx---}. */
  static final int GROUP_BITS = 0070;

  /** Reads the attributes of {@code file} itself, not of what it links to. */
  static Ownership of(Path file) throws IOException {
    return of(Files.readAttributes(file, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS));
  }

  /** From the {@code unix:} attributes {@code uid}, {@code gid} and {@code mode}. */
  static Ownership of(Map<String, Object> unixAttributes) {
    return new Ownership((Integer) unixAttributes.get("uid"), (Integer) unixAttributes.get("gid"),
        (Integer) unixAttributes.get("mode") & 0777);
  }
}

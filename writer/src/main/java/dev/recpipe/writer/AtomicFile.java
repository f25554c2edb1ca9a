package dev.recpipe.writer;

import dev.recpipe.common.IoErrors;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.RecpipeException;
import dev.recpipe.common.cli.LabeledOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A regular file that is replaced whole or not at all.
 *
 * <p>Writes go to a temporary file beside it, {@code .NAME.recpipe-XXXXXXXX.tmp} (NAME cut short
 * where the whole would be longer than a file's name may be); only {@link #commit()} puts it in
 * place, after forcing it to disk, with a rename, which it forces to disk too, so a reader of the
 * file sees the old content or the new, never part of it. {@link #close()} without a commit, and a JVM shutting
 * down on SIGINT or SIGTERM, delete the temporary file and leave the file untouched. It is deleted in
 * the directory it was made in, held open from the start, so that a directory renamed during the run
 * (a rotation's {@code mv out out.1}) keeps no temporary file: the rename into place then fails, as
 * FILE's name leads nowhere, and the temporary file was deleted by a path that led nowhere too.
 *
 * <p>The temporary file never lets anyone read more than the finished file will. A new file is
 * created with mode 0666 less the umask, as {@code > FILE} would create it. When a file is replaced,
 * the temporary file is created with the owner bits of its mode only ({@code rw-} of
 * {@code rw-r-----}), so nobody else can open it; it then gets the old file's owner and group where
 * that is allowed (root may give it any; another user only a group they are in), and only then the
 * old file's permission bits. If the group can't be kept, the group bits are dropped rather than
 * granted to a group that did not have them. All of this happens before any line is written. The
 * replacement is a new file: hard links to the old one, ACLs and extended attributes are not
 * carried over, as with {@code sed -i}.
 *
 * <pre>{@code
 * try (AtomicFile file = AtomicFile.create(Path.of("sums.csv"), "sums.csv", null)) {
 *   file.output().write(bytes);
 *   file.commit();
 * }
 * }</pre>
 *
 * <p>Errors are {@link RecpipeException}s that name the file as the user gave it and say why, as a
 * shell would: {@code sums.csv: No space left on device}.
 */
final class AtomicFile implements Destination {
  private enum State { OPEN, COMMITTED, DISCARDED }

  private static final int MAX_NAME_ATTEMPTS = 100;
  /** NAME_MAX: the longest name of a file most file systems take, in bytes. */
  private static final int MAX_NAME_BYTES = 255;
  /** What {@link #randomSuffix()} and {@code .tmp} add after the prefix. */
  private static final int SUFFIX_BYTES = 8 + ".tmp".length();
  /** S_ISVTX in a directory's mode: only a file's owner, or the directory's, may unlink or rename over it. */
  private static final int STICKY_BIT = 01000;
  private static final Set<PosixFilePermission> NEW_FILE_MODE = PosixFilePermissions.fromString("rw-rw-rw-");

  private final Path file;
  private final String name;
  private final Path temp;
  /**
   * The directory {@link #temp} is made in, open: it is deleted there, wherever that directory has
   * gone. Null where the directory can't be opened (write and search permission without read):
   * then it is deleted by its path.
   */
  private final SecureDirectoryStream<Path> directory;
  private FileChannel channel;
  private final Thread shutdownHook = new Thread(new Discard(), "delete temporary output");
  private State state = State.OPEN;

  private AtomicFile(Path file, String name, Path temp) {
    this.file = file;
    this.name = name;
    this.temp = temp;
    this.directory = openDirectory(temp.getParent());
  }

  /** {@code directory}, held open; null where it can't be (no read permission; no directory, which fails the creation). */
  private static SecureDirectoryStream<Path> openDirectory(Path directory) {
    try {
      DirectoryStream<Path> stream = Files.newDirectoryStream(directory);
      if (stream instanceof SecureDirectoryStream<Path> secure) return secure;
      stream.close(); // a system without openat(2): deleted by its path
    } catch (IOException e) {
      // deleted by its path
    }
    return null;
  }

  /**
   * Creates the temporary file for {@code file}, which is absent, or a regular file with the
   * {@code existing} attributes; {@code file} itself is not touched. Messages call it {@code name}.
   */
  static AtomicFile create(Path file, String name, Ownership existing) throws RecpipeException {
    return create(file, name, existing, NO_ONE_TOLD);
  }

  /**
   * No one to tell of the temporary file. A class, not a lambda, as {@link Discard}: the first lambda
   * of a run bootstraps the JDK's method handles, and {@code writer -o} took 0.116 s of CPU to start
   * against 0.058 s for writer to stdout, its two lambdas and a {@code String.format} (whose pattern
   * parser brought more) most of the difference.
   */
  private static final Consumer<Path> NO_ONE_TOLD = new Consumer<>() {
    @Override
    public void accept(Path created) {}
  };

  /** The shutdown hook's work: {@link #discardIfOpen()}. A class, not a method reference ({@link #NO_ONE_TOLD}). */
  private final class Discard implements Runnable {
    @Override
    public void run() {
      discardIfOpen();
    }
  }

  /** As above; {@code onCreated} sees the temporary file as soon as it exists, for tests. */
  static AtomicFile create(Path file, String name, Ownership existing, Consumer<Path> onCreated)
      throws RecpipeException {
    Path directory = file.toAbsolutePath().getParent();
    String prefix = temporaryPrefix(file.getFileName().toString());
    Set<PosixFilePermission> mode =
        existing == null ? NEW_FILE_MODE : permissions(existing.permissions() & Ownership.OWNER_BITS);
    for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
      AtomicFile atomicFile = new AtomicFile(file, name, directory.resolve(prefix + randomSuffix() + ".tmp"));
      // the hook goes in before the file exists, so a signal at any moment after leaves nothing behind
      Runtime.getRuntime().addShutdownHook(atomicFile.shutdownHook);
      try {
        atomicFile.open(mode);
      } catch (FileAlreadyExistsException e) {
        atomicFile.abandon(); // another writer's temporary file: not ours to delete; pick another name
        continue;
      } catch (AccessDeniedException e) {
        atomicFile.abandon();
        // the file itself may be writable: what is not is the directory the new file goes in
        throw existing == null ? failure(name, e) : new LocatedException(Location.of(name),
            "its directory can't be written to (" + IoErrors.reason(e) + "), where -o makes the new file it renames over this one", e);
      } catch (NoSuchFileException e) {
        atomicFile.abandon();
        throw Files.isDirectory(directory) ? noNewFiles(name, existing, e) : failure(name, e);
      } catch (IOException e) {
        atomicFile.abandon();
        throw failure(name, e);
      }
      onCreated.accept(atomicFile.temp);
      try {
        if (existing != null) atomicFile.takeOver(existing);
      } catch (RecpipeException e) { // a file it may not replace, named already
        atomicFile.close();
        throw e;
      } catch (IOException e) {
        atomicFile.close();
        throw failure(name, e);
      }
      return atomicFile;
    }
    throw new LocatedException(Location.of(name), "cannot create a temporary file beside it");
  }

  /**
   * {@code .NAME.recpipe-}, the start of the temporary file's name: the file's name, cut at a
   * character if need be, so that the whole is no longer than a file's name may be. A name of 255
   * bytes, the most most file systems take, is one {@code > NAME} writes: without the cut, the
   * temporary file of a name of 234 bytes or more could not be created, "File name too long".
   */
  private static String temporaryPrefix(String fileName) {
    String start = ".";
    String end = ".recpipe-";
    int room = MAX_NAME_BYTES - start.length() - end.length() - SUFFIX_BYTES;
    return start + utf8Prefix(fileName, room) + end;
  }

  /** The longest part of {@code text} from its start whose UTF-8 is at most {@code bytes} long. */
  private static String utf8Prefix(String text, int bytes) {
    int end = 0;
    for (int used = 0; end < text.length(); ) {
      int codePoint = text.codePointAt(end);
      used += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (used > bytes) break;
      end += Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }

  /** The permissions of mode bits such as 0640. */
  private static Set<PosixFilePermission> permissions(int bits) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
    for (int i = 0; i < all.length; i++) {
      if ((bits & 1 << (all.length - 1 - i)) != 0) set.add(all[i]);
    }
    return set;
  }

  /** Creates the temporary file, unless the shutdown hook has already run. */
  private synchronized void open(Set<PosixFilePermission> mode) throws IOException {
    if (state != State.OPEN) throw new LocatedException(Location.of(name), "not written: the output was discarded");
    channel = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(mode));
  }

  /** The temporary file could not be created: forget it without deleting anything. */
  private void abandon() {
    synchronized (this) {
      state = State.DISCARDED;
      closeDirectory();
    }
    removeShutdownHook();
  }

  private static String randomSuffix() {
    String hex = Integer.toHexString(ThreadLocalRandom.current().nextInt()); // not String.format: see NO_ONE_TOLD
    return "00000000".substring(hex.length()) + hex;
  }

  /**
   * Gives the temporary file the owner, group and permission bits of the file it replaces, in that
   * order, so it never grants more than the finished file will. Changing the owner needs root, and
   * the group needs root or membership: without them the file stays ours, and loses the group bits.
   */
  private void takeOver(Ownership existing) throws IOException {
    Ownership created = Ownership.of(temp);
    if (created.uid() != existing.uid() && !trySet("unix:uid", existing.uid())) checkRenameAllowed(created.uid());
    boolean groupKept = created.gid() == existing.gid() || trySet("unix:gid", existing.gid());
    int permissions = existing.permissions() & (groupKept ? 0777 : ~Ownership.GROUP_BITS);
    Files.setAttribute(temp, "unix:mode", permissions, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Refuses, before the input is read, a file of another user's that {@code uid} (we, without the
   * right to give a file away) may not rename over: in a directory with the sticky bit (as /tmp has),
   * only the file's owner or the directory's may. The rename at the end failed there, after the whole
   * input, with {@code Operation not permitted}, about a file its user may well write.
   */
  private void checkRenameAllowed(int uid) throws IOException {
    Map<String, Object> directory = Files.readAttributes(temp.getParent(), "unix:mode,uid");
    if (((Integer) directory.get("mode") & STICKY_BIT) == 0 || (Integer) directory.get("uid") == uid) return;
    String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
    throw new LocatedException(Location.of(name), "it is " + owner + "'s, in a directory with the sticky bit,"
        + " where only its owner may rename a file over it, as -o does");
  }

  /** Sets a {@code unix:} attribute of the temporary file; false where that is not permitted. */
  private boolean trySet(String attribute, int value) throws IOException {
    try {
      Files.setAttribute(temp, attribute, value, LinkOption.NOFOLLOW_LINKS);
      return true;
    } catch (FileSystemException e) {
      if ("Operation not permitted".equals(e.getReason())) return false;
      throw e;
    }
  }

  /** The temporary file's content. Unbuffered: the caller buffers. Closed by {@link #commit()} and {@link #close()}. */
  @Override
  public OutputStream output() {
    return new LabeledOutputStream(Channels.newOutputStream(channel), name);
  }

  /** The temporary file, for tests and messages. */
  Path temp() {
    return temp;
  }

  /**
   * Forces the written bytes to disk, renames the temporary file over the file, and forces the
   * rename to disk too.
   *
   * @throws RecpipeException the file could not be put in place, or a shutdown already discarded it;
   *     or it is in place, but the rename could not be forced to disk
   */
  @Override
  public void commit() throws IOException {
    synchronized (this) {
      if (state != State.OPEN) throw new LocatedException(Location.of(name), "not written: the output was discarded");
      try {
        channel.force(true);
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw failure(name, e);
      }
      state = State.COMMITTED;
      closeDirectory();
    }
    removeShutdownHook();
    forceDirectory();
  }

  /**
   * Forces the directory, where the rename is, to disk: forcing the file's content does not force
   * its name, and after a crash the directory could still hold the old file, or none (fsync(2): "an
   * explicit fsync() on a file descriptor for the directory is also needed"), as Lucene and SQLite
   * do. A file system that can't force a directory (EINVAL) has nothing to force; nor can a user who
   * may write in the directory but not read it (a drop box, mode 1733), as opening it needs read
   * permission: the file is in place, forced itself (writer exited 1 there, the complete file in place).
   */
  private void forceDirectory() throws RecpipeException {
    FileChannel directory;
    try {
      directory = FileChannel.open(temp.getParent(), StandardOpenOption.READ);
    } catch (AccessDeniedException e) {
      return;
    } catch (IOException e) {
      throw notForced(e);
    }
    try (directory) {
      directory.force(true);
    } catch (IOException e) {
      if ("Invalid argument".equals(IoErrors.reason(e))) return;
      throw notForced(e);
    }
  }

  private RecpipeException notForced(IOException e) {
    return new LocatedException(Location.of(name), "written, but the rename could not be forced to disk: " + IoErrors.reason(e), e);
  }

  /** Deletes the temporary file unless {@link #commit()} succeeded. */
  @Override
  public void close() {
    discardIfOpen();
    removeShutdownHook();
  }

  /** Never renames: on a shutdown, the file keeps its old content. */
  private synchronized void discardIfOpen() {
    if (state != State.OPEN) return;
    state = State.DISCARDED;
    try {
      if (channel != null) channel.close();
    } catch (IOException ignored) {
      // closing only to delete: what was written no longer matters
    }
    try {
      deleteTemp();
    } catch (IOException ignored) {
      // nothing more can be done; the name says what it is
    }
    closeDirectory();
  }

  /** Deletes the temporary file in the directory it was made in, wherever that has gone. */
  private void deleteTemp() throws IOException {
    if (directory == null) {
      Files.deleteIfExists(temp);
      return;
    }
    try {
      directory.deleteFile(temp.getFileName());
    } catch (NoSuchFileException gone) {
      // deleted by someone else, or with its directory
    }
  }

  private void closeDirectory() {
    if (directory == null) return;
    try {
      directory.close();
    } catch (IOException ignored) {
      // a directory read only to delete in: nothing was written through it
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // the hook runs or has run; it does nothing once the file is committed or discarded
    }
  }

  /**
   * The temporary file could not be created, "No such file or directory", in a directory that is
   * there: a file system that makes no new files, /proc (where root may open /proc/version to write).
   * Passed on as it was, the words named a file that is there as missing.
   */
  private static RecpipeException noNewFiles(String name, Ownership existing, IOException e) {
    String detail = "no file can be created in its directory (" + IoErrors.reason(e) + ")";
    if (existing == null) return new LocatedException(Location.of(name), detail, e);
    return new LocatedException(Location.of(name), detail + ", where -o makes the new file it renames over this one; 'writer > "
        + name + "' writes into the file itself", e);
  }

  private static RecpipeException failure(String name, IOException e) {
    return new LocatedException(Location.of(name), IoErrors.reason(e), e);
  }
}

package dev.recpipe.writer;

import dev.recpipe.common.FileNames;
import dev.recpipe.common.IoErrors;
import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.OwnDescriptors;
import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Decides, before anything is written, what {@code -o FILE} names and so how to write to it.
 *
 * <ul>
 *   <li>{@code -}, {@code /dev/stdout}, {@code /dev/fd/1}: stdout itself, as bash takes them, so
 *       {@code >> log} still appends.
 *   <li>No file, or a regular file: an {@link AtomicFile}, renamed into place at a clean end. A
 *       symbolic link is followed, even a dangling one: the file it leads to is replaced or created
 *       and the link stays, as {@code > link} would do. A file its user may not write is refused,
 *       as {@code > file} refuses it.
 *   <li>Writer's own stdout or stderr by another name ({@code /dev/stderr}, {@code /dev/fd/2},
 *       {@code /proc/self/fd/1}, a link to one): that descriptor itself, as the shell's
 *       {@code > /dev/stderr} writes to it. Another descriptor of writer's ({@code /dev/fd/3})
 *       open on a regular file: a {@link StreamedFile} into that file, as the shell's {@code >
 *       /dev/fd/3} writes: appended to where it is open for appending ({@code 3>> log}), written from
 *       where the descriptor stands where open for writing ({@code 3> out}); refused where open for
 *       reading only. Replaced, the file lost what it held before, a log's earlier lines or a
 *       header written through the descriptor, and what went to the descriptor during the run.
 *   <li>A FIFO or a character device ({@code /dev/null}, a terminal, a pipe behind
 *       {@code /proc/self/fd/N}): a {@link StreamedFile}, written as the lines come. Renaming a
 *       regular file over it would destroy it (and its reader would wait forever).
 *   <li>Anything else is refused before the input is read: a directory, a name ending in
 *       {@code /}, a socket, a block device.
 * </ul>
 *
 * <p>Messages name the file as the user spelled it: {@code out/: Is a directory}.
 */
final class OutputTarget {
  private static final Set<String> STDOUT = Set.of("-", "/dev/stdout", "/dev/fd/1");
  /** Linux's limit on symbolic links followed in one lookup (ELOOP beyond it). */
  private static final int MAX_LINKS = 40;
  private static final String LOOP = "Too many levels of symbolic links";
  private static final int STDOUT_DESCRIPTOR = 1;
  private static final int STDERR_DESCRIPTOR = 2;
  /** O_APPEND, in the octal {@code flags} of /proc/self/fdinfo/N (the value of every Linux but alpha, parisc and sparc). */
  private static final int APPEND_FLAG = 02000;
  /** O_ACCMODE, and O_RDONLY under it, in those flags. */
  private static final int ACCESS_MODE = 03;
  private static final int READ_ONLY = 0;

  private static final int TYPE_BITS = 0170000;
  private static final int SOCKET = 0140000;
  private static final int REGULAR = 0100000;
  private static final int BLOCK_DEVICE = 0060000;
  private static final int DIRECTORY = 0040000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int FIFO = 0010000;

  private OutputTarget() {}

  /** Opens the destination {@code name} stands for; {@code stdout} is the tool's stdout. */
  static Destination open(String name, OutputStream stdout) throws IOException {
    if (STDOUT.contains(name)) return Destination.stdout(stdout);
    Path path = FileNames.path(name);
    if (name.endsWith("/")) throw slashRefused(name);
    OptionalInt descriptor = OwnDescriptors.of(path);
    if (descriptor.equals(OptionalInt.of(STDOUT_DESCRIPTOR))) return Destination.stdout(stdout);
    if (descriptor.equals(OptionalInt.of(STDERR_DESCRIPTOR))) return Destination.stderr();
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(path, "unix:mode,uid,gid"); // through symbolic links
    } catch (NoSuchFileException e) {
      if (descriptor.isPresent()) throw notOpen(name, descriptor.getAsInt());
      return AtomicFile.create(endOfLinks(path, name), name, null);
    } catch (IOException e) {
      throw failure(name, e);
    }
    switch ((Integer) attributes.get("mode") & TYPE_BITS) {
      case REGULAR:
        if (descriptor.isPresent()) return ownDescriptor(path, name, descriptor.getAsInt());
        // a file its user may not write (444, another user's 644) is refused, as > FILE, sort -o and
        // cp refuse it: the replacement, a new file, would need only the directory's write permission
        if (!Files.isWritable(path)) throw new LocatedException(Location.of(name), "Permission denied");
        return AtomicFile.create(path.toRealPath(), name, Ownership.of(attributes));
      case FIFO:
      case CHARACTER_DEVICE:
        return StreamedFile.open(path, name);
      case DIRECTORY:
        throw new LocatedException(Location.of(name), "Is a directory");
      case SOCKET:
        throw refused(name, "a socket");
      case BLOCK_DEVICE:
        throw refused(name, "a block device");
      default:
        throw refused(name, "not a regular file");
    }
  }

  /**
   * A name ending in {@code /} can only be a directory, which writer can't write: refused with
   * open(2)'s words for it. {@code Path.of} would drop the slash and write a file named without it.
   */
  private static RecpipeException slashRefused(String name) {
    Path path = Path.of(name);
    if (Files.exists(path) && !Files.isDirectory(path)) return new LocatedException(Location.of(name), "Not a directory");
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) return new LocatedException(Location.of(name), "No such file or directory");
    return new LocatedException(Location.of(name), "Is a directory");
  }

  /**
   * Writer's own descriptor N, 3 or above, open on a regular file: the file it is open on, written as
   * the shell's {@code > /dev/fd/N} writes it, through the descriptor, not replaced. Open for
   * appending ({@code 3>> log}), appended to; for writing ({@code 3> out}, {@code 3<> file}), written
   * from where the descriptor stands, so what went through it before stays (the descriptor's own
   * position does not move, as writer opens the file anew); open for reading only, refused. A file
   * deleted since ({@code 3<> tmp; rm tmp}) is written all the same, as the descriptor still holds it.
   */
  private static Destination ownDescriptor(Path path, String name, int descriptor) throws IOException {
    Path info = OwnDescriptors.info(descriptor);
    int flags = Integer.parseInt(OwnDescriptors.infoField(info, "flags").orElse("1"), 8);
    if ((flags & ACCESS_MODE) == READ_ONLY) {
      throw new LocatedException(Location.of(name), "open for reading only (" + descriptor + "< FILE); -o writes to a"
          + " descriptor open for writing (" + descriptor + "> FILE, " + descriptor + ">> FILE)");
    }
    if ((flags & APPEND_FLAG) != 0) return StreamedFile.append(path, name);
    return StreamedFile.at(path, name, Long.parseLong(OwnDescriptors.infoField(info, "pos").orElse("0")));
  }

  /** Where a chain of symbolic links that leads to no file ends: where {@code > name} would create it. */
  private static Path endOfLinks(Path path, String name) throws RecpipeException {
    try {
      for (int links = 0; Files.isSymbolicLink(path); links++) {
        if (links == MAX_LINKS) throw new LocatedException(Location.of(name), LOOP);
        path = path.resolveSibling(Files.readSymbolicLink(path));
      }
      return path;
    } catch (IOException e) {
      throw failure(name, e);
    }
  }

  /** /dev/fd/N, /proc/self/fd/N, of a descriptor N writer was not started with: nothing to write to, nor create. */
  private static RecpipeException notOpen(String name, int descriptor) {
    return new LocatedException(Location.of(name), "no descriptor " + descriptor + " is open (" + descriptor + "> FILE opens one)");
  }

  private static RecpipeException refused(String name, String what) {
    return new LocatedException(Location.of(name), what + "; -o writes to a regular file, a FIFO or a character device");
  }

  private static RecpipeException failure(String name, IOException e) {
    String reason = IoErrors.reason(e);
    // the JDK's words for ELOOP add "or unable to access attributes of symbolic link"
    if (reason.startsWith(LOOP)) reason = LOOP;
    return new LocatedException(Location.of(name), reason, e);
  }
}

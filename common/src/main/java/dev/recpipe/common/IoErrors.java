package dev.recpipe.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Says why a file operation failed in the words of {@code strerror}, as a shell would. */
public final class IoErrors {
  private IoErrors() {}

  /**
   * "No such file or directory", "Permission denied", ...: the reason alone, without the path that
   * {@link java.nio.file} puts in the message of its exceptions.
   */
  public static String reason(IOException e) {
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    if (e instanceof NoSuchFileException) return "No such file or directory";
    if (e instanceof AccessDeniedException) return "Permission denied";
    if (e instanceof FileAlreadyExistsException) return "File exists";
    if (e instanceof NotDirectoryException) return "Not a directory";
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /**
   * Reads at least one byte into {@code into}, or returns -1 at the end of the input; a failure is
   * a {@link RecpipeException} whose message starts with {@code source}, the input's name.
   */
  public static int read(InputStream in, byte[] into, int offset, int length, String source)
      throws RecpipeException {
    try {
      int read;
      do {
        read = in.read(into, offset, length);
      } while (read == 0);
      return read;
    } catch (IOException e) {
      throw labeled(source, e);
    }
  }

  /**
   * {@code e}, a failure to read or write the stream named {@code source}, as an error whose message
   * says where: {@code stdin: Is a directory}, the original its cause (so a broken pipe is still
   * recognised as one). A {@link RecpipeException} already says where, and is returned as it is.
   */
  public static RecpipeException labeled(String source, IOException e) {
    if (e instanceof RecpipeException) return (RecpipeException) e;
    return new LocatedException(Location.of(source), e.getMessage(), e);
  }
}

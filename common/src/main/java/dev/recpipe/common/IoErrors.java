package dev.recpipe.common;

import java.io.IOException;
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
}

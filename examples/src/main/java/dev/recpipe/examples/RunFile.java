package dev.recpipe.examples;

import dev.recpipe.common.LocatedException;
import dev.recpipe.common.Location;
import dev.recpipe.common.RecpipeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One run file read and summed up, for {@link RunStatsCommand}. Every failure is a {@link
 * RecpipeException} whose message starts with the file's name (and the line, where there is one), so
 * the stage reports it without a stack trace; a file that can't be opened gets the words reader and
 * {@code cat} use: {@code runs/run-04.csv: No such file or directory}.
 */
final class RunFile {
  /** A decimal number as a lab writes it: no NaN, no Infinity, no hex, no Java suffixes. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private final String name;
  private final String column;
  private List<String> header;
  private int columnIndex;
  private int lineNumber;
  private long rows;
  private double sum;
  private double max = Double.NEGATIVE_INFINITY;

  private RunFile(String name, String column) {
    this.name = name;
    this.column = column;
  }

  /** What a run file holds, as {@code runstats} writes it. */
  record Summary(String file, long rows, Double mean, Double max) {
    /** The record's value: {@code [file, rows, mean, max]}, mean and max null when there are no rows. */
    List<Object> toValue() {
      return Arrays.asList(file, rows, mean, max);
    }
  }

  /**
   * Reads the file {@code name} and sums up its column {@code column} (null: its last column).
   *
   * @throws RecpipeException when the file can't be read or is not a run file
   */
  static Summary summarize(String name, String column) throws IOException {
    RunFile file = new RunFile(name, column);
    try (BufferedReader in = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
      file.readAll(in);
    } catch (RecpipeException e) {
      throw e;
    } catch (CharacterCodingException e) {
      throw file.error("not UTF-8 text");
    } catch (NoSuchFileException e) {
      throw file.error("No such file or directory");
    } catch (AccessDeniedException e) {
      throw file.error("Permission denied");
    } catch (FileSystemException e) {
      throw file.error(e.getReason() != null ? e.getReason() : "cannot be read");
    } catch (IOException e) {
      throw file.error(e.getMessage() != null ? e.getMessage() : "cannot be read");
    }
    return file.summary();
  }

  private Path path() throws RecpipeException {
    if (name.isEmpty()) throw new RecpipeException("an empty line, not a file name");
    try {
      Path path = Path.of(name);
      if (Files.isDirectory(path)) throw error("Is a directory");
      return path;
    } catch (InvalidPathException e) {
      throw error("not a file name: " + e.getReason());
    }
  }

  private void readAll(BufferedReader in) throws IOException {
    String first = in.readLine();
    lineNumber = 1;
    if (first == null) throw error("empty file: expected a header line naming the columns");
    readHeader(first.startsWith(BYTE_ORDER_MARK) ? first.substring(1) : first);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (!line.isEmpty()) add(line);
    }
  }

  private void readHeader(String line) throws RecpipeException {
    header = Arrays.asList(line.split(",", -1));
    header.replaceAll(String::strip);
    columnIndex = column == null ? header.size() - 1 : header.indexOf(column);
    if (columnIndex < 0) {
      throw lineError("no column \"" + column + "\" in the header, which names " + String.join(", ", header));
    }
  }

  private void add(String line) throws RecpipeException {
    String[] fields = line.split(",", -1);
    if (fields.length != header.size()) {
      throw lineError("expected " + header.size() + " fields, as in the header, found " + fields.length);
    }
    double value = parse(fields[columnIndex].strip());
    rows++;
    sum += value;
    max = Math.max(max, value);
  }

  private double parse(String field) throws RecpipeException {
    if (!DECIMAL.matcher(field).matches()) {
      throw lineError(header.get(columnIndex) + ": expected a decimal number, found \"" + field + "\"");
    }
    double value = Double.parseDouble(field);
    if (!Double.isFinite(value)) {
      throw lineError(header.get(columnIndex) + ": " + field + " is beyond the range of a double");
    }
    return value;
  }

  private Summary summary() {
    if (rows == 0) return new Summary(name, 0, null, null);
    return new Summary(name, rows, sum / rows, max);
  }

  private RecpipeException error(String message) {
    return new LocatedException(Location.of(name), message);
  }

  private RecpipeException lineError(String message) {
    return new LocatedException(Location.ofLine(name, lineNumber), message);
  }
}

package dev.recpipe.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recpipe.common.RecpipeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Both labeled streams name their stream in a failure of every call they pass on, keep the
 * original as the cause, and let an error that already says where through as it is.
 */
class LabeledStreamTest {
  private static final IOException DIRECTORY = new IOException("Is a directory");
  private static final RecpipeException LOCATED = new RecpipeException("rows.csv:3: already located");

  @Test
  void readsNameTheirInput() {
    InputStream in = new LabeledInputStream(failingInput(DIRECTORY), "stdin");
    assertLabeled("stdin: Is a directory", () -> in.read());
    assertLabeled("stdin: Is a directory", () -> in.read(new byte[4], 0, 4));
    assertLabeled("stdin: Is a directory", () -> in.available());
  }

  @Test
  void writesNameTheirOutput() {
    OutputStream out = new LabeledOutputStream(failingOutput(DIRECTORY), "stdout");
    assertLabeled("stdout: Is a directory", () -> out.write(1));
    assertLabeled("stdout: Is a directory", () -> out.write(new byte[4], 0, 4));
    assertLabeled("stdout: Is a directory", () -> out.flush());
  }

  @Test
  void anErrorThatSaysWhereGoesThroughAsItIs() {
    InputStream in = new LabeledInputStream(failingInput(LOCATED), "stdin");
    OutputStream out = new LabeledOutputStream(failingOutput(LOCATED), "stdout");
    assertSame(LOCATED, assertThrows(RecpipeException.class, () -> in.read()));
    assertSame(LOCATED, assertThrows(RecpipeException.class, () -> out.write(1)));
  }

  @Test
  void aClosedStreamSaysSo() {
    assertEquals("stdin is closed", assertThrows(RecpipeException.class, () -> LabeledInputStream.closed("stdin").read()).getMessage());
    assertEquals("stdout is closed", assertThrows(RecpipeException.class, () -> LabeledOutputStream.closed("stdout").write(1)).getMessage());
  }

  private static void assertLabeled(String message, Executable call) {
    RecpipeException e = assertThrows(RecpipeException.class, call);
    assertEquals(message, e.getMessage());
    assertSame(DIRECTORY, e.getCause());
  }

  /** A stream whose calls all fail with {@code failure} (the bulk read by way of {@code read()}). */
  private static InputStream failingInput(IOException failure) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw failure;
      }

      @Override
      public int available() throws IOException {
        throw failure;
      }
    };
  }

  /** A stream whose calls all fail with {@code failure} (the bulk write by way of {@code write(int)}). */
  private static OutputStream failingOutput(IOException failure) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw failure;
      }

      @Override
      public void flush() throws IOException {
        throw failure;
      }
    };
  }
}

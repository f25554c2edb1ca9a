package dev.recpipe.fanout.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A pipe in memory, for deal and merge tests without processes or FIFOs: its write end takes at most
 * {@code chunk} bytes a call and {@code capacity} in all (0 when full, as a non-blocking FIFO), and
 * fails with "Broken pipe" once the read end is closed; its read end gives at most {@code chunk} bytes
 * a call, 0 when empty, -1 once the write end is closed and all is read. A chunk of 1 is okio's
 * one-byte-at-a-time.
 */
public final class MemoryPipe {
  private final int capacity;
  private final int chunk;
  private byte[] data = new byte[64];
  private int start;
  private int end;
  private boolean writerClosed;
  private boolean readerClosed;

  public MemoryPipe(int capacity, int chunk) {
    this.capacity = capacity;
    this.chunk = chunk;
  }

  public int size() {
    return end - start;
  }

  /** Bytes the write end takes now, in all. */
  public int room() {
    return capacity - size();
  }

  public boolean isWriterClosed() {
    return writerClosed;
  }

  public WritableByteChannel writer() {
    return new WritableByteChannel() {
      @Override
      public int write(ByteBuffer source) throws IOException {
        if (readerClosed) throw new IOException("Broken pipe");
        if (writerClosed) throw new IOException("closed");
        int n = Math.min(source.remaining(), Math.min(chunk, capacity - size()));
        if (end + n > data.length) compactOrGrow(n);
        source.get(data, end, n);
        end += n;
        return n;
      }

      @Override
      public boolean isOpen() {
        return !writerClosed;
      }

      @Override
      public void close() {
        writerClosed = true;
      }
    };
  }

  public ReadableByteChannel reader() {
    return new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer destination) {
        if (size() == 0) return writerClosed ? -1 : 0;
        int n = Math.min(destination.remaining(), Math.min(chunk, size()));
        destination.put(data, start, n);
        start += n;
        return n;
      }

      @Override
      public boolean isOpen() {
        return !readerClosed;
      }

      @Override
      public void close() {
        readerClosed = true;
      }
    };
  }

  private void compactOrGrow(int more) {
    int size = size();
    byte[] next = size + more > data.length ? new byte[Math.max(2 * data.length, size + more)] : data;
    System.arraycopy(data, start, next, 0, size);
    data = next;
    start = 0;
    end = size;
    Arrays.fill(data, end, data.length, (byte) 0);
  }
}

package dev.recpipe.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How {@code RecordWriter} stores the 2, 4 or 8 bytes of an item head's argument: through a
 * byte-array-view {@link VarHandle} (before: always; now: once {@code writeIntegers}, reader's path,
 * has been called), plain byte stores (now, for a writer that writes one value a record, as summer:
 * no VarHandle bootstrap at start, bench/results/worker-startup.md), or a heap {@link ByteBuffer}
 * (the other way without a bootstrap, tried and left). The heads of reader's integers ({@value
 * Datasets#ROWS} rows of {@value Datasets#COLUMNS}, most of them 4-byte arguments) and of their seqs,
 * one operation a pass, into a 64 KiB buffer that wraps, under the tiered JIT (reader's) and under C1
 * alone (summer's and fanout's).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeadStoreBenchmark {
  private long[] arguments;
  private final Heads heads = new Heads();

  @Setup
  public void generate() {
    long[][] rows = Datasets.rows();
    arguments = new long[rows.length * (Datasets.COLUMNS + 1)];
    int n = 0;
    for (int seq = 0; seq < rows.length; seq++) {
      arguments[n++] = seq;
      for (long value : rows[seq]) arguments[n++] = value;
    }
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public int byteStoresTiered() {
    return heads.writeAll(arguments, Store.BYTES);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public int varHandleTiered() {
    return heads.writeAll(arguments, Store.VAR_HANDLE);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
  public int byteBufferTiered() {
    return heads.writeAll(arguments, Store.BYTE_BUFFER);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1"})
  public int byteBufferC1() {
    return heads.writeAll(arguments, Store.BYTE_BUFFER);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1"})
  public int byteStoresC1() {
    return heads.writeAll(arguments, Store.BYTES);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:TieredStopAtLevel=1"})
  public int varHandleC1() {
    return heads.writeAll(arguments, Store.VAR_HANDLE);
  }

  enum Store { VAR_HANDLE, BYTES, BYTE_BUFFER }

  /** RecordWriter's writeHead, with its store of the argument done one way or another. */
  static final class Heads {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buffer = new byte[64 * 1024];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private int size;

    /** Writes every argument as a head of major type 0; returns a byte, so nothing is dead code. */
    int writeAll(long[] arguments, Store store) {
      for (long argument : arguments) {
        if (buffer.length - size < 9) size = 0;
        if (store == Store.VAR_HANDLE) {
          writeHeadVarHandle(argument);
        } else if (store == Store.BYTES) {
          writeHeadBytes(argument, false);
        } else {
          writeHeadBytes(argument, true);
        }
      }
      return buffer[size - 1];
    }

    private void writeHeadVarHandle(long argument) {
      if (argument < 24) {
        buffer[size++] = (byte) argument;
      } else if (argument <= 0xff) {
        buffer[size++] = 24;
        buffer[size++] = (byte) argument;
      } else if (argument <= 0xffff) {
        buffer[size++] = 25;
        SHORT.set(buffer, size, (short) argument);
        size += 2;
      } else if (argument <= 0xffffffffL) {
        buffer[size++] = 26;
        INT.set(buffer, size, (int) argument);
        size += 4;
      } else {
        buffer[size++] = 27;
        LONG.set(buffer, size, argument);
        size += 8;
      }
    }

    private void writeHeadBytes(long argument, boolean byteBuffer) {
      if (argument < 24) {
        buffer[size++] = (byte) argument;
      } else if (argument <= 0xff) {
        buffer[size++] = 24;
        buffer[size++] = (byte) argument;
      } else if (argument <= 0xffff) {
        buffer[size++] = 25;
        put(argument, 2, byteBuffer);
      } else if (argument <= 0xffffffffL) {
        buffer[size++] = 26;
        put(argument, 4, byteBuffer);
      } else {
        buffer[size++] = 27;
        put(argument, 8, byteBuffer);
      }
    }

    private void put(long value, int bytes, boolean byteBuffer) {
      if (!byteBuffer) {
        putBigEndian(value, bytes);
        return;
      }
      switch (bytes) {
        case 2:
          view.putShort(size, (short) value);
          break;
        case 4:
          view.putInt(size, (int) value);
          break;
        default:
          view.putLong(size, value);
          break;
      }
      size += bytes;
    }

    /** Byte stores, as RecordWriter's for 2 and 4 bytes. */
    private void putBigEndian(long value, int bytes) {
      byte[] to = buffer;
      int at = size;
      switch (bytes) {
        case 2:
          to[at] = (byte) (value >>> 8);
          to[at + 1] = (byte) value;
          break;
        case 4:
          to[at] = (byte) (value >>> 24);
          to[at + 1] = (byte) (value >>> 16);
          to[at + 2] = (byte) (value >>> 8);
          to[at + 3] = (byte) value;
          break;
        default:
          to[at] = (byte) (value >>> 56);
          to[at + 1] = (byte) (value >>> 48);
          to[at + 2] = (byte) (value >>> 40);
          to[at + 3] = (byte) (value >>> 32);
          to[at + 4] = (byte) (value >>> 24);
          to[at + 5] = (byte) (value >>> 16);
          to[at + 6] = (byte) (value >>> 8);
          to[at + 7] = (byte) value;
          break;
      }
      size = at + bytes;
    }
  }
}

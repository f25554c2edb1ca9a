package dev.recpipe.common;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a record stream in recpipe's canonical form: definite lengths and the shortest encoding of
 * every integer (docs/FORMAT.md).
 *
 * <p>Why not Jackson's {@code CBORGenerator}: it writes integers from 2^63 to 2^64-1 (and their
 * negatives) as bignums rather than as plain 64-bit CBOR integers, and by default encodes negative
 * bignums in a legacy, non-standard way. The format promises shortest forms, and the encoding of the
 * few types recpipe writes is short, so it is done here, straight into a buffer.
 *
 * <pre>{@code
 * RecordWriter out = new RecordWriter(stdout);
 * out.write(0, List.of(1L, 2L, 3L));  // 82 00 83 01 02 03
 * out.writeInteger(1, 6);             // 82 01 06
 * out.writeText(2, utf8, 0, 3);       // 82 02 63 61 62 63, for utf8 = "abc\n" in bytes
 * out.flush();
 * }</pre>
 *
 * <p>Buffers; call {@link #flush()} at the end. Does not close {@code out}.
 */
public final class RecordWriter implements Flushable {
  private static final int MAJOR_UNSIGNED = 0;
  private static final int MAJOR_NEGATIVE = 1 << 5;
  private static final int MAJOR_BYTES = 2 << 5;
  private static final int MAJOR_TEXT = 3 << 5;
  private static final int MAJOR_ARRAY = 4 << 5;
  private static final int MAJOR_MAP = 5 << 5;
  private static final int MAJOR_TAG = 6 << 5;
  private static final int TAG_POSITIVE_BIGNUM = 2;
  private static final int TAG_NEGATIVE_BIGNUM = 3;
  private static final int TAG_DECIMAL_FRACTION = 4;

  private final OutputStream out;
  private final byte[] buffer;
  /** Set by {@link #writeIntegers}: head arguments are stored through {@link ViewStores} from then on. */
  private boolean viewStores;
  private int size;
  /** Where the record being written starts in {@link #buffer}: what comes before it is whole records. */
  private int recordStart;
  /** A record is being written, or was cut short by an exception (a value it can't encode). */
  private boolean inRecord;
  /** Part of the record being written has gone out: it was larger than what the buffer could keep. */
  private boolean recordSplit;

  public RecordWriter(OutputStream out) {
    this(out, 64 * 1024);
  }

  public RecordWriter(OutputStream out, int bufferSize) {
    if (bufferSize < 16) throw new IllegalArgumentException("bufferSize < 16: " + bufferSize);
    this.out = out;
    this.buffer = new byte[bufferSize];
  }

  /** Writes {@code [seq, value]}; see {@link RecordReader#readValue()} for the supported types. */
  public void write(long seq, Object value) throws IOException {
    writeRecordHead(seq);
    writeValue(value);
    recordEnd();
  }

  public void write(Record record) throws IOException {
    write(record.seq(), record.value());
  }

  /** Writes {@code [seq, value]} for an integer value, without boxing. */
  public void writeInteger(long seq, long value) throws IOException {
    writeRecordHead(seq);
    writeLong(value);
    recordEnd();
  }

  /** Writes {@code [seq, values]}, an array of integers, without boxing. */
  public void writeIntegers(long seq, long[] values, int count) throws IOException {
    viewStores = true;
    if (inRecord) dropCutRecord();
    if (seq >= 0 && count >= 0 && count <= values.length && roomForIntegers(count)) {
      size = putIntegersRecord(buffer, size, seq, values, count);
      return;
    }
    writeRecordHead(seq);
    writeHead(MAJOR_ARRAY, count);
    for (int i = 0; i < count; i++) writeLong(values[i]);
    recordEnd();
  }

  /**
   * Whether the buffer has room for a record of {@code count} integers, each at its longest, after
   * writing out the records before if it had not.
   */
  private boolean roomForIntegers(int count) throws IOException {
    long room = INTEGERS_RECORD_HEADS + (long) CborHead.MAX_BYTES * count;
    if (buffer.length - size >= room) return true;
    if (size == 0) return false;
    recordStart = size; // what the buffer holds is whole records, for makeRoom to write out
    makeRoom();
    return buffer.length - size >= room;
  }

  /** The array's head, the seq's and the array of integers' (a count below 2^32). */
  private static final int INTEGERS_RECORD_HEADS = 1 + CborHead.MAX_BYTES + 5;

  /**
   * Stores {@code [seq, [values[0], ..., values[count - 1]]]} at {@code to[at]}, which has room for
   * each integer at its longest; returns where it ends. One pass, with no check for room a head and
   * each head's bytes stored at once ({@link ViewStores}). Once compiled it runs no faster than the
   * general path (EncodeBenchmark), but the JIT compiles it once, where it compiled the general path
   * again each time a seq or a value took a width not seen before (reader: 4 to 8 ms of CPU on 1M
   * rows, bench/results/profile.md).
   */
  private static int putIntegersRecord(byte[] to, int at, long seq, long[] values, int count) {
    to[at++] = (byte) (MAJOR_ARRAY | 2);
    at = CborHead.write(to, at, MAJOR_UNSIGNED, seq);
    at = CborHead.write(to, at, MAJOR_ARRAY, count);
    for (int i = 0; i < count; i++) at = putInteger(to, at, values[i]);
    return at;
  }

  /**
   * Stores the shortest head of integer {@code value}: major type 0, or 1 for a negative one. Without
   * a branch ({@link CborHead#argumentBytes}): the argument goes out as 8 bytes in one store, shifted
   * so that its own bytes come first, and the head ends after them; the rest is overwritten by the next
   * head, or lies past the record's end. A branch a width cost reader's compiled loop a recompile at
   * the first row whose integers took a width not seen before the JIT compiled it.
   */
  private static int putInteger(byte[] to, int at, long value) {
    long sign = value >> 63; // 0, or all ones for a negative value
    long argument = value ^ sign; // -1 - value for a negative one: 0 to 2^63-1 either way
    int argumentBytes = CborHead.argumentBytes(argument);
    to[at] = CborHead.initialByte((int) sign & MAJOR_NEGATIVE, argument, argumentBytes);
    ViewStores.put(to, at + 1, argument << 64 - 8 * argumentBytes, 8); // no shift at all for 0 bytes
    return at + 1 + argumentBytes;
  }

  /**
   * Writes {@code [seq, text]} for text already encoded: {@code length} bytes of {@code utf8} from
   * {@code offset}, copied as they are, with no {@code String} in between. The caller has checked
   * that they are well-formed UTF-8; a text string of anything else is not valid CBOR.
   */
  public void writeText(long seq, byte[] utf8, int offset, int length) throws IOException {
    if (offset < 0 || length < 0 || length > utf8.length - offset) {
      throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " in " + utf8.length + " bytes");
    }
    if (inRecord) dropCutRecord();
    if (seq >= 0 && buffer.length - size - length >= TEXT_RECORD_HEADS) {
      // stored at once, with no room to make on the way (reader --lines writes one a line, and the
      // general path's calls a head were a fifth of its CPU under C1)
      size = putTextRecord(buffer, size, seq, utf8, offset, length);
      return;
    }
    writeRecordHead(seq);
    writeBytes(MAJOR_TEXT, utf8, offset, length);
    recordEnd();
  }

  /** The most bytes a text record's heads take: its array's, its seq's, its text's (a length below 2^31). */
  public static final int TEXT_RECORD_HEADS = 1 + CborHead.MAX_BYTES + 5;

  /**
   * Stores the record {@code [seq, text]}, the text's UTF-8 bytes {@code utf8[offset, offset +
   * length)}, at {@code to[at]}, which has room for {@code length + TEXT_RECORD_HEADS} bytes; returns
   * where it ends. The bytes {@link #writeText} writes: the one encoding of a text record, also for
   * {@code fanout --lines}' framer, which makes them from a line filter's lines.
   */
  public static int putTextRecord(byte[] to, int at, long seq, byte[] utf8, int offset, int length) {
    to[at++] = (byte) (MAJOR_ARRAY | 2);
    at = CborHead.write(to, at, MAJOR_UNSIGNED, seq);
    if (length < 24) { // the common case, a one-byte head: no call for it
      to[at++] = (byte) (MAJOR_TEXT | length);
    } else {
      at = CborHead.write(to, at, MAJOR_TEXT, length);
    }
    System.arraycopy(utf8, offset, to, at, length);
    return at + length;
  }

  private void writeRecordHead(long seq) throws IOException {
    if (seq < 0) throw new IllegalArgumentException("seq < 0: " + seq);
    if (inRecord) dropCutRecord();
    recordStart = size;
    inRecord = true;
    recordSplit = false;
    require(1);
    buffer[size++] = (byte) (MAJOR_ARRAY | 2);
    writeHead(MAJOR_UNSIGNED, seq);
  }

  private void writeValue(Object value) throws IOException {
    if (value == null) {
      writeByte(0xf6);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      writeLong(((Number) value).longValue());
    } else if (value instanceof BigInteger) {
      writeBigInteger((BigInteger) value);
    } else if (value instanceof String) {
      writeBytes(MAJOR_TEXT, ((String) value).getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      writeHead(MAJOR_ARRAY, list.size());
      for (Object element : list) writeValue(element);
    } else if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      writeHead(MAJOR_MAP, map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writeValue(entry.getKey());
        writeValue(entry.getValue());
      }
    } else if (value instanceof Boolean) {
      writeByte((Boolean) value ? 0xf5 : 0xf4);
    } else if (value instanceof Double || value instanceof Float) {
      writeDouble(((Number) value).doubleValue());
    } else if (value instanceof BigDecimal) {
      BigDecimal decimal = (BigDecimal) value;
      writeHead(MAJOR_TAG, TAG_DECIMAL_FRACTION);
      writeHead(MAJOR_ARRAY, 2);
      writeLong(-decimal.scale());
      writeBigInteger(decimal.unscaledValue());
    } else if (value instanceof byte[]) {
      writeBytes(MAJOR_BYTES, (byte[]) value);
    } else {
      throw new IllegalArgumentException("no CBOR encoding for " + value.getClass().getName());
    }
  }

  private void writeLong(long value) throws IOException {
    if (value >= 0) {
      writeHead(MAJOR_UNSIGNED, value);
    } else {
      writeHead(MAJOR_NEGATIVE, -1 - value);
    }
  }

  /** Integers up to 64 bits of magnitude are plain CBOR integers; only larger ones are bignums. */
  private void writeBigInteger(BigInteger value) throws IOException {
    if (value.bitLength() < 64) {
      writeLong(value.longValue());
      return;
    }
    boolean negative = value.signum() < 0;
    BigInteger magnitude = negative ? value.negate().subtract(BigInteger.ONE) : value;
    if (magnitude.bitLength() <= 64) {
      writeHead(negative ? MAJOR_NEGATIVE : MAJOR_UNSIGNED, magnitude.longValue());
      return;
    }
    writeHead(MAJOR_TAG, negative ? TAG_NEGATIVE_BIGNUM : TAG_POSITIVE_BIGNUM);
    byte[] bytes = magnitude.toByteArray();
    int skip = bytes[0] == 0 ? 1 : 0;
    writeBytes(MAJOR_BYTES, Arrays.copyOfRange(bytes, skip, bytes.length));
  }

  private void writeDouble(double value) throws IOException {
    float single = (float) value;
    if (single == value) {
      require(5);
      buffer[size++] = (byte) 0xfa;
      putBigEndian(Float.floatToIntBits(single), 4);
    } else {
      require(9);
      buffer[size++] = (byte) 0xfb;
      putBigEndian(Double.doubleToLongBits(value), 8);
    }
  }

  private void writeBytes(int major, byte[] bytes) throws IOException {
    writeBytes(major, bytes, 0, bytes.length);
  }

  private void writeBytes(int major, byte[] bytes, int from, int length) throws IOException {
    writeHead(major, length);
    int offset = from;
    int end = from + length;
    while (offset < end) {
      if (size == buffer.length) makeRoom();
      int n = Math.min(end - offset, buffer.length - size);
      System.arraycopy(bytes, offset, buffer, size, n);
      size += n;
      offset += n;
    }
  }

  /** The head of a data item: major type and argument, in the shortest form ({@link CborHead}). */
  private void writeHead(int major, long argument) throws IOException {
    require(CborHead.MAX_BYTES);
    int bytes = CborHead.argumentBytes(argument);
    buffer[size++] = CborHead.initialByte(major, argument, bytes);
    if (bytes == 1) {
      buffer[size++] = (byte) argument;
    } else if (bytes > 1) {
      putBigEndian(argument, bytes);
    }
  }

  /**
   * The low {@code bytes} (2, 4 or 8) bytes of {@code value}, most significant first. Plain byte
   * stores, until {@link #writeIntegers} has been called: then one store each through {@link
   * ViewStores}, which the JIT's C2 makes one instruction (reader writes ten integers a row: twice
   * the speed of byte stores, HeadStoreBenchmark). Not from the start: the VarHandles' bootstrap (method handles,
   * classes spun at run time) costs a process milliseconds of CPU, more than a fanout worker's share
   * of records spends here, and a worker (summer, writing a sum a record) never calls writeIntegers
   * (bench/results/worker-startup.md).
   */
  private void putBigEndian(long value, int bytes) {
    // under 35 bytes of bytecode, so that C1 compiles it into writeHead: each branch moves size on
    if (viewStores) {
      putViews(value, bytes);
    } else {
      putBytes(value, bytes);
    }
  }

  private void putViews(long value, int bytes) {
    ViewStores.put(buffer, size, value, bytes);
    size += bytes;
  }

  private void putBytes(long value, int bytes) {
    byte[] to = buffer;
    int at = size;
    size = at + bytes;
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
        for (int shift = 56; shift >= 0; shift -= 8) to[at++] = (byte) (value >>> shift);
        break;
    }
  }

  /** Big-endian stores through byte-array-view VarHandles, initialized on first use. */
  private static final class ViewStores {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static void put(byte[] to, int at, long value, int bytes) {
      switch (bytes) {
        case 2:
          SHORT.set(to, at, (short) value);
          break;
        case 4:
          INT.set(to, at, (int) value);
          break;
        default:
          LONG.set(to, at, value);
          break;
      }
    }
  }

  private void writeByte(int b) throws IOException {
    require(1);
    buffer[size++] = (byte) b;
  }

  private void require(int bytes) throws IOException {
    if (buffer.length - size < bytes) makeRoom();
  }

  /**
   * Called while a record is being written: writes out the whole records before it and keeps its
   * start, so that stdout ends at a record boundary, where a stage stopped by a signal can end it
   * with an abort mark ({@link AbortableOutput}). Only a record larger than the buffer goes out in
   * pieces, the stream told that it ends inside a record.
   */
  private void makeRoom() throws IOException {
    if (recordStart > 0) {
      out.write(buffer, 0, recordStart);
      System.arraycopy(buffer, recordStart, buffer, 0, size - recordStart);
      size -= recordStart;
      recordStart = 0;
      if (size <= buffer.length / 2 && buffer.length - size >= 9) return;
    }
    recordSplit = inRecord;
    if (out instanceof AbortableOutput) {
      ((AbortableOutput) out).writePartial(buffer, 0, size);
    } else {
      out.write(buffer, 0, size);
    }
    size = 0;
  }

  private void recordEnd() {
    inRecord = false;
  }

  /**
   * Drops what a record cut short by an exception left in the buffer, before the next record: a
   * stage may catch the exception and emit something else for the same input, which must follow the
   * whole records, not the broken one's bytes (RecordWriterBoundaryTest). If part of the broken record
   * has gone out, no record can follow it.
   */
  private void dropCutRecord() {
    if (recordSplit) {
      throw new IllegalStateException("a record cut short by an exception had partly gone out: no record can follow it");
    }
    size = recordStart;
    inRecord = false;
  }

  /**
   * Writes the buffered records to the stream and flushes it. A record cut short by an exception
   * is dropped, not written in part: the stage fails, and its output ends with the records before.
   */
  @Override
  public void flush() throws IOException {
    if (inRecord) {
      size = recordStart;
      inRecord = recordSplit; // one partly gone out stays: no record can follow it
    }
    out.write(buffer, 0, size);
    size = 0;
    recordStart = 0;
    out.flush();
  }
}

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The floor for bench/pipeline.sh: the canonical job (index,sum of each CSV row of integers) as one
 * loop in one thread, with nothing recpipe has (no records, no pipes, no bignums, no CSV quoting,
 * no error reporting). What a pipeline costs above this is the price of being a pipeline.
 *
 * <pre>{@code
 * javac -d /tmp/floor bench/peers/Floor.java && java -cp /tmp/floor Floor rows.csv > sums.csv
 * java bench/peers/Floor.java rows.csv > sums.csv   (compiles on each run: slower to start)
 * }</pre>
 *
 * <p>Bytes in, bytes out: the input is read in 1 MiB blocks and parsed byte by byte with the parse
 * state carried across blocks, so no String is made per line; digits are written straight into a
 * 1 MiB output buffer. Sums are 64-bit, enough for benchmark data. An empty line sums to 0, as in
 * awk. No argument, or {@code -}, reads stdin.
 */
public final class Floor {
  private static final int BLOCK = 1 << 20;

  private final byte[] out = new byte[BLOCK + 64];
  private final FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
  private int size;
  private long index;
  private long sum;
  private long value;
  private boolean negative;
  private boolean lineStarted;

  public static void main(String[] args) throws IOException {
    String path = args.length > 0 ? args[0] : "-";
    try (FileInputStream in = path.equals("-") ? new FileInputStream(FileDescriptor.in) : new FileInputStream(path)) {
      new Floor().run(in.getChannel());
    }
  }

  private void run(FileChannel channel) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    byte[] bytes = block.array();
    for (int n = channel.read(block); n >= 0; n = channel.read(block)) {
      parse(bytes, block.position());
      block.clear();
    }
    if (lineStarted) endLine();
    stdout.write(out, 0, size);
  }

  private void parse(byte[] bytes, int length) throws IOException {
    for (int i = 0; i < length; i++) {
      int b = bytes[i];
      if (b >= '0' && b <= '9') {
        value = value * 10 + (b - '0');
        lineStarted = true;
      } else if (b == ',') {
        endField();
      } else if (b == '\n') {
        endLine();
      } else if (b == '-') {
        negative = true;
        lineStarted = true;
      }
    }
  }

  private void endField() {
    sum += negative ? -value : value;
    value = 0;
    negative = false;
  }

  private void endLine() throws IOException {
    endField();
    putLong(index++);
    out[size++] = ',';
    putLong(sum);
    out[size++] = '\n';
    sum = 0;
    lineStarted = false;
    if (size >= BLOCK) {
      stdout.write(out, 0, size);
      size = 0;
    }
  }

  /** Decimal digits of {@code v}, written backwards from their end (Long.MIN_VALUE is not needed here). */
  private void putLong(long v) {
    if (v < 0) {
      out[size++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long rest = v / 10; rest != 0; rest /= 10) digits++;
    int end = size + digits;
    for (int at = end - 1; at >= size; at--) {
      out[at] = (byte) ('0' + v % 10);
      v /= 10;
    }
    size = end;
  }
}

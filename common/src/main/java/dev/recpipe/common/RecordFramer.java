package dev.recpipe.common;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Finds record boundaries and seqs in raw CBOR bytes, without decoding values.
 *
 * <p>Why it exists: {@code fanout} deals records to worker processes and merges their outputs back in
 * seq order. It never looks inside a value, so decoding values with {@link RecordReader} (Jackson
 * tokens, Java objects) would cost more than the copying it actually does. This class walks the
 * bytes of one record, heads only, skipping string contents, and reports where the record ends and
 * what its seq is. It still checks that the bytes are a well-formed record (RFC 8949 §3 and
 * docs/FORMAT.md), so a broken stream is rejected where it enters, with an error naming the byte
 * offset, rather than passed on in pieces.
 *
 * <pre>{@code
 * RecordFramer framer = new RecordFramer();
 * int length = framer.frame(buffer, start, limit, streamOffset);
 * if (length > 0) {
 *   deal(buffer, start, length, framer.seq());   // a whole record
 *   start += length;
 *   streamOffset += length;
 * } else {
 *   // only the beginning of a record: read more after limit, then call again with the same start
 * }
 * }</pre>
 *
 * <p>What it accepts is what docs/FORMAT.md says recpipe reads, and {@link RecordReader}, which
 * frames with this class before Jackson decodes, reads the same. A record is a definite-length array
 * of two elements (any width of head) or an indefinite-length array holding two elements, untagged.
 * The seq is an unsigned integer in any width up to 2^63-1, or a positive bignum (tag 2 on a byte
 * string) holding such a number. The value is any well-formed CBOR data item (RFC 8949 §3):
 * indefinite lengths, tags of any number, floats, false, true, null and undefined; with three
 * exceptions, valid CBOR that recpipe does not read: simple values other than those four, map keys
 * other than text strings and integers, and string references (tags 25 and 256). A decimal fraction
 * (tag 4 on {@code [exponent, mantissa]}) must have an exponent from -(2^31-1) to 2^31-1, what Java's
 * {@code BigDecimal} holds. Text is not checked for valid UTF-8, but in the reader's mode.
 *
 * <p>Errors have the same text as {@link RecordReader}'s, since that is where its errors come from; a
 * break where a record should start is an {@link AbortMark}, reported as {@link
 * UpstreamFailedException}; malformed CBOR is {@code byte offset N: invalid CBOR: what}, and valid CBOR
 * that recpipe does not read is {@code byte offset N (record seq S): unsupported CBOR: what}, N the
 * offending item, the seq named once it has been read.
 *
 * <p>Limits ({@link Limits}), so hostile input can't exhaust the stack or the heap: arrays and maps
 * nest at most {@link Limits#MAX_DEPTH} deep counting the record's own array, and no record, string,
 * array or map may be longer than {@link Limits#MAX_RECORD_BYTES} (bytes or elements). Tags may nest
 * without limit: they take no stack.
 *
 * <p>A call that returns -1 is repeated from the same start, in the same array, with more bytes:
 * the framer goes on from the item where the bytes ran out, and reads none of those before it again,
 * so a record costs one scan however many reads it arrives in (a pipe's reads are 64 KiB, and a
 * record of 8 MiB, scanned afresh after each, cost 128 scans). Any other call, another start, stream
 * offset or array (a window that moved its bytes), scans its record from the start. So a caller must
 * not change the bytes before {@code limit} between the two calls. Not thread-safe; allocates nothing
 * per record.
 */
public final class RecordFramer {
  private static final int INCOMPLETE = -1;
  /** What {@link #decimalFractionEnd} returns for an array that is no decimal fraction. */
  private static final int NOT_A_DECIMAL_FRACTION = -2;
  private static final int INDEFINITE_ELEMENTS = -1;
  private static final int BREAK = 0xff;
  // What an open indefinite container has for its count of items left: none, or for a map, what is next
  private static final long INDEFINITE = -1;
  private static final long INDEFINITE_MAP_KEY = -2;
  private static final long INDEFINITE_MAP_VALUE = -3;
  private static final int TAG_POSITIVE_BIGNUM = 2;
  private static final int TAG_NEGATIVE_BIGNUM = 3;
  private static final int TAG_DECIMAL_FRACTION = 4;
  private static final int TAG_STRING_REFERENCE = 25;
  private static final int TAG_STRING_REFERENCE_NAMESPACE = 256;
  /** The tag the reader's mode writes over the tags Jackson should not act on: one it ignores. */
  private static final int NEUTRAL_TAG = 6;
  private static final int MAJOR_BYTES = 2;
  private static final int MAJOR_ARRAY = 4;
  private static final int MAJOR_TAG = 6;
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Bytes in a head by its additional information; 0 where it is reserved (28-30) or indefinite (31). */
  private static final byte[] HEAD_LENGTH = new byte[32];

  static {
    for (int ai = 0; ai < 24; ai++) HEAD_LENGTH[ai] = 1;
    HEAD_LENGTH[24] = 2;
    HEAD_LENGTH[25] = 3;
    HEAD_LENGTH[26] = 5;
    HEAD_LENGTH[27] = 9;
  }

  /** Items still to come in each open container outside the current one; see {@link #skipValue}. */
  private final long[] outer = new long[Limits.MAX_DEPTH];
  /** Whether each open container outside the current one is a map. */
  private final boolean[] outerIsMap = new boolean[Limits.MAX_DEPTH];
  /** The reader's mode: see {@link #RecordFramer(boolean)}. */
  private final boolean forReader;
  private long seq = -1;
  private long pendingSeq;
  /** Whether the record being scanned has had its seq read: errors after it name it. */
  private boolean seqRead;
  /** streamOffset - start of the current call: adding a buffer index gives a stream offset. */
  private long offsetBase;
  /** The start of the current call's record. */
  private int recordStart;
  /**
   * Where the last call, which returned -1, ran out of bytes, to go on from there when it is called
   * again for the same record: that record's array, start and stream offset ({@code cutArray} null if
   * none), and the item to scan again, counted from the record's start: inside the value ({@link
   * #cutInValue}, in the state {@link #skipValue} had there), or after it, where the record's break
   * or third element is to come.
   */
  private byte[] cutArray;
  private int cutStart;
  private long cutStreamOffset;
  private int cutAt;
  private int cutElements;
  private boolean cutInValue;
  private int cutDepth;
  private long cutLeft;
  private boolean cutInMap;
  private boolean cutTagged;
  private boolean cutKey;
  /**
   * For a cut inside an indefinite-length string: where its first chunk not all there starts,
   * counted from the record's start, so that the chunks before it are not scanned again; 0 if none.
   */
  private int cutChunksAt;
  /** Where {@link #stringChunksEnd} last ran out of bytes: the head of the chunk it could not finish. */
  private int chunksRanOut;

  public RecordFramer() {
    this(false);
  }

  /**
   * The reader's mode, {@code forReader}, for {@link RecordReader}, which decodes records with
   * Jackson after this framer. It also refuses text that is not UTF-8 (RFC 3629, each chunk of an
   * indefinite-length string on its own, as RFC 8949 §3.2.3 says), which Jackson would read as other
   * text without a word; fanout, which passes text on as it came, does not check it. And it writes
   * over, in the buffer, the head of every tag that recpipe reads as the item it tags, with tag 6 in
   * a head of the same width: all tags but a bignum's (2 or 3 right on a byte string) and a decimal
   * fraction's (4 right on the array). Why: Jackson fails on tag numbers beyond 2^31-1 and acts on
   * some tags wherever they are (4 on any array, 25 and 256); tag 6 it ignores. The record keeps its
   * length, so byte offsets do not move.
   */
  RecordFramer(boolean forReader) {
    this.forReader = forReader;
  }

  /**
   * Scans the record starting at buf[start]; the bytes buf[start..limit) are available.
   * Returns the record's length in bytes, or -1 when those bytes hold only the beginning of a record
   * (the caller reads more and calls again from the same start). After a positive return, seq() is the
   * record's seq.
   *
   * <p>streamOffset is the position of buf[start] in the whole stream, used only for error messages.
   *
   * @throws RecordFormatException if the bytes are not a well-formed record
   */
  public int frame(byte[] buf, int start, int limit, long streamOffset) throws RecordFormatException {
    Objects.checkFromToIndex(start, limit, buf.length);
    if (streamOffset < 0) throw new IllegalArgumentException("streamOffset < 0: " + streamOffset);
    offsetBase = streamOffset - start;
    recordStart = start;
    int end;
    if (cutArray != null && isTheCutRecord(buf, start, limit, streamOffset)) {
      seqRead = cutAt > 0; // and pendingSeq is the cut record's still
      end = goOn(buf, start, limit);
    } else {
      seqRead = false;
      cutAt = 0;
      cutChunksAt = 0;
      end = scanRecord(buf, start, limit);
    }
    if (end == INCOMPLETE) {
      if (limit - start > Limits.MAX_RECORD_BYTES) throw recordTooLarge(start);
      cutArray = buf;
      cutStart = start;
      cutStreamOffset = streamOffset;
      return INCOMPLETE;
    }
    if (end - start > Limits.MAX_RECORD_BYTES) throw recordTooLarge(start);
    seq = pendingSeq;
    return end - start;
  }

  /** Whether this call repeats the last one, which ran out of bytes, with more; forgets that one. */
  private boolean isTheCutRecord(byte[] buf, int start, int limit, long streamOffset) {
    boolean same = buf == cutArray && start == cutStart && streamOffset == cutStreamOffset && cutAt <= limit - start;
    cutArray = null;
    return same;
  }

  /** Scans on from where the last call, on the same record, ran out of bytes. */
  private int goOn(byte[] buf, int start, int limit) throws RecordFormatException {
    int p = start + cutAt;
    if (cutAt == 0) return scanRecord(buf, start, limit); // the seq was cut: it takes a few bytes
    if (cutInValue) {
      p = skipValue(buf, p, limit, true);
      if (p == INCOMPLETE) return INCOMPLETE;
    }
    return afterValue(buf, p, limit, cutElements);
  }

  /** The seq of the record last framed. */
  public long seq() {
    if (seq < 0) throw new IllegalStateException("frame() has not returned a record");
    return seq;
  }

  /** Returns where the record starting at p ends, or INCOMPLETE; sets pendingSeq. */
  private int scanRecord(byte[] buf, int p, int limit) throws RecordFormatException {
    if (p >= limit) return INCOMPLETE;
    int b = buf[p] & 0xff;
    if (b == 0x82) return scanElements(buf, p + 1, limit, 2);
    if (b == 0x9f) return scanElements(buf, p + 1, limit, INDEFINITE_ELEMENTS);
    if (b == AbortMark.BYTE) throw new UpstreamFailedException(offsetBase + p);
    if (b >>> 5 != MAJOR_ARRAY) throw notARecord(buf, p, limit);
    int headLength = headLength(b, p);
    if (limit - p < headLength) return INCOMPLETE;
    long count = argument(buf, p, b & 31);
    // Only 0, 1, 2 and "more" make a difference; an 8-byte count may read negative
    return scanElements(buf, p + headLength, limit, count < 0 || count > 3 ? 3 : (int) count);
  }

  /** Where the record's elements, starting at p, end: seq, value and, if indefinite, the break. */
  private int scanElements(byte[] buf, int p, int limit, int elements) throws RecordFormatException {
    if (arrayEndsAt(buf, p, limit, elements, 0)) {
      throw expected(p, "an unsigned integer seq", "the end of an array");
    }
    if (p >= limit) return INCOMPLETE;
    p = readSeq(buf, p, limit);
    if (p == INCOMPLETE) return INCOMPLETE;
    seqRead = true;
    if (arrayEndsAt(buf, p, limit, elements, 1)) throw expectedTwoElements(p, "the end of an array");
    if (p >= limit) return INCOMPLETE;
    p = skipValue(buf, p, limit, false);
    if (p == INCOMPLETE) {
      cutElements = elements;
      return INCOMPLETE;
    }
    return elements == 2 ? p : afterValue(buf, p, limit, elements);
  }

  /** After the value at p: where the record ends, its break or its count reached, or INCOMPLETE. */
  private int afterValue(byte[] buf, int p, int limit, int elements) throws RecordFormatException {
    if (elements == 2) return p;
    if (p >= limit) {
      cutAt = p - recordStart;
      cutInValue = false;
      cutElements = elements;
      return INCOMPLETE;
    }
    if (arrayEndsAt(buf, p, limit, elements, 2)) return p + 1;
    throw extraElement(buf, p);
  }

  /** Whether the record's array ends at p, after {@code read} elements: by its count, or a break. */
  private static boolean arrayEndsAt(byte[] buf, int p, int limit, int elements, int read) {
    return elements == INDEFINITE_ELEMENTS ? p < limit && buf[p] == (byte) BREAK : elements == read;
  }

  /** Reads the seq at p into pendingSeq; returns where it ends, or INCOMPLETE. */
  private int readSeq(byte[] buf, int p, int limit) throws RecordFormatException {
    int b = buf[p] & 0xff;
    if (b < 24) {
      pendingSeq = b;
      return p + 1;
    }
    if (b >>> 5 != 0 && b >>> 5 != MAJOR_TAG) throw unexpected(buf, p, "an unsigned integer seq");
    int headLength = headLength(b, p);
    if (limit - p < headLength) return INCOMPLETE;
    long argument = argument(buf, p, b & 31);
    if (b >>> 5 == MAJOR_TAG) return readBignumSeq(buf, p, limit, argument);
    if (argument < 0) throw expected(p, "a seq from 0 to 2^63-1", Long.toUnsignedString(argument));
    pendingSeq = argument;
    return p + headLength;
  }

  /** Reads a seq written as a bignum, tag 2 or 3 on a byte string, as RecordReader accepts it. */
  private int readBignumSeq(byte[] buf, int tagStart, int limit, long tag) throws RecordFormatException {
    int p = tagStart + HEAD_LENGTH[buf[tagStart] & 31];
    boolean bignum = tag == TAG_POSITIVE_BIGNUM || tag == TAG_NEGATIVE_BIGNUM;
    if (bignum && p >= limit) return INCOMPLETE;
    int b = bignum ? buf[p] & 0xff : 0;
    if (b >>> 5 != MAJOR_BYTES) throw expected(tagStart, "an unsigned integer seq", "a tag");
    int end = b == 0x5f ? stringChunksEnd(buf, p + 1, limit, 0x40) : stringEnd(buf, p, limit, b);
    if (end == INCOMPLETE) return INCOMPLETE;
    long value = tag == TAG_NEGATIVE_BIGNUM ? -1 : magnitude(buf, b == 0x5f ? p + 1 : p, end);
    if (value < 0) {
      throw expected(tagStart, "a seq from 0 to 2^63-1", tag == TAG_NEGATIVE_BIGNUM ? "a negative bignum" : "a bignum beyond it");
    }
    pendingSeq = value;
    return end;
  }

  /**
   * The unsigned number in the well-formed byte string, or chunks up to a break, from p to end; or
   * -1 when it is larger than 2^63-1.
   */
  private static long magnitude(byte[] buf, int p, int end) {
    long magnitude = 0;
    while (p < end && buf[p] != (byte) BREAK) {
      int contentStart = p + HEAD_LENGTH[buf[p] & 31];
      p = contentStart + (int) argument(buf, p, buf[p] & 31);
      for (int i = contentStart; i < p; i++) {
        if (magnitude >>> 55 != 0) return -1;
        magnitude = magnitude << 8 | (buf[i] & 0xff);
      }
    }
    return magnitude < 0 ? -1 : magnitude;
  }

  /**
   * Returns where the data item at p ends, or INCOMPLETE. Iterative: the count of items still to come
   * in the innermost open array or map is {@code left}, those of the containers around it are on the
   * stack {@code outer}. Definite containers count down (a map two items a pair, so a key comes when
   * an even count is left); an indefinite one holds INDEFINITE (or, for a map, whether a key or a
   * value comes next) until its break. A tag takes no slot of its own: the item after it fills the
   * slot the tag began. With {@code goOn}, it starts in the state the last call left ({@link #cut}),
   * at the item whose bytes ran out; that state is read from the fields here, not passed in: as
   * parameters, C1 (fanout's compiler) kept them off registers in this loop, 20% slower.
   */
  private int skipValue(byte[] buf, int p, int limit, boolean goOn) throws RecordFormatException {
    long[] outer = this.outer;
    boolean[] outerIsMap = this.outerIsMap;
    int depth = 1; // the record's own array
    long left = 1;
    boolean inMap = false;
    boolean tagged = false;
    boolean key = false;
    if (goOn) { // from where the last call ran out of bytes
      depth = cutDepth;
      left = cutLeft;
      inMap = cutInMap;
      tagged = cutTagged;
      key = cutKey;
    }
    while (p < limit) {
      int b = buf[p] & 0xff;
      if ((b & 0xdf) < 24 && left > 0 && !tagged) {
        // An integer -24..23 in a definite array: a branch the CPU predicts lets it run ahead here,
        // where the table lookup below would wait for this byte (3x faster on rows of small ints)
        p++;
        left--;
      } else if ((b & 0xdf) - 24 < 4 && (b & 0xdf) >= 24 && left > 0 && !tagged) {
        // An integer of 1 to 8 bytes more in a definite array (reader's rows of 0..999999 are
        // mostly these): its length is in its first byte, no table or switch needed
        int length = 1 + (1 << ((b & 0xdf) - 24));
        if (limit - p < length) break;
        p += length;
        left--;
      } else if (b == BREAK) {
        if (left >= 0 || tagged) throw invalid(p, "unexpected break");
        if (left == INDEFINITE_MAP_VALUE) throw invalid(p, "break after a map key, before its value");
        p++;
        left = outer[--depth];
        inMap = outerIsMap[depth];
      } else {
        if (!tagged) {
          key = inMap && (left > 0 ? (left & 1) == 0 : left == INDEFINITE_MAP_KEY);
          if (left > 0) {
            left--;
          } else if (left != INDEFINITE) {
            left = INDEFINITE_MAP_KEY + INDEFINITE_MAP_VALUE - left;
          }
        }
        int ai = b & 31;
        int headLength;
        int major = b >>> 5;
        if (key && major != 0 && major != 1 && major != 3 && major != MAJOR_TAG) {
          String malformed = malformedHead(b);
          if (malformed != null) throw invalid(p, malformed);
          throw unsupported(p, "a map key that is " + describe(b)
              + "; recpipe reads map keys that are text strings or integers");
        }
        switch (major) {
          case 0:
          case 1:
            headLength = HEAD_LENGTH[ai];
            if (headLength == 0) throw invalid(p, malformedHead(b));
            if (limit - p < headLength) return cutInItem(p, depth, left, inMap, tagged, key);
            p += headLength;
            break;
          case 2:
          case 3:
            int stringEnd = ai == 31 ? chunksEnd(buf, p, limit, b) : stringEnd(buf, p, limit, b);
            if (stringEnd == INCOMPLETE) {
              cutInItem(p, depth, left, inMap, tagged, key);
              if (ai == 31) cutChunksAt = chunksRanOut - recordStart;
              return INCOMPLETE;
            }
            p = stringEnd;
            break;
          case 4:
          case 5:
            if (depth == Limits.MAX_DEPTH) throw tooDeep(p);
            boolean map = major == 5;
            if (ai == 31) {
              outerIsMap[depth] = inMap;
              outer[depth++] = left;
              left = map ? INDEFINITE_MAP_KEY : INDEFINITE;
              inMap = map;
              tagged = false;
              p++;
              continue;
            }
            headLength = headLength(b, p);
            if (limit - p < headLength) return cutInItem(p, depth, left, inMap, tagged, key);
            long items = items(buf, p, b);
            p += headLength;
            if (items == 0) break;
            outerIsMap[depth] = inMap;
            outer[depth++] = left;
            left = items;
            inMap = map;
            tagged = false;
            continue;
          case 6:
            headLength = headLength(b, p);
            if (limit - p < headLength + 1) return cutInItem(p, depth, left, inMap, tagged, key);
            int end = tagEnd(buf, p, limit, headLength, key, depth);
            if (end == INCOMPLETE) return cutInItem(p, depth, left, inMap, tagged, key);
            if (end == p + headLength) {
              // The tag alone: the item after it fills its slot
              p = end;
              tagged = true;
              continue;
            }
            p = end; // a decimal fraction, read whole
            break;
          default:
            int simpleEnd = simpleOrFloatEnd(buf, p, limit, b);
            if (simpleEnd == INCOMPLETE) return cutInItem(p, depth, left, inMap, tagged, key);
            p = simpleEnd;
        }
        tagged = false;
      }
      while (left == 0) {
        if (depth == 1) return p;
        left = outer[--depth];
        inMap = outerIsMap[depth];
      }
    }
    return cut(p, depth, left, inMap, tagged, key);
  }

  /**
   * Where the indefinite-length string whose head b is at p ends, or INCOMPLETE: from its first chunk,
   * or, for the string a call ran out of bytes in, from the chunk where it did ({@link #cutChunksAt}).
   */
  private int chunksEnd(byte[] buf, int p, int limit, int b) throws RecordFormatException {
    int from = cutChunksAt > 0 ? recordStart + cutChunksAt : p + 1;
    cutChunksAt = 0;
    return stringChunksEnd(buf, from, limit, b & 0xe0);
  }

  /**
   * {@link #cut} inside the item at p, after {@link #skipValue} counted its slot (unless a tag before
   * it had): the count as it was before the item, to scan it again from its start.
   */
  private int cutInItem(int p, int depth, long left, boolean inMap, boolean tagged, boolean key) {
    long before = left;
    if (!tagged) {
      if (left >= 0) {
        before = left + 1;
      } else if (left != INDEFINITE) {
        before = INDEFINITE_MAP_KEY + INDEFINITE_MAP_VALUE - left;
      }
    }
    return cut(p, depth, before, inMap, tagged, key);
  }

  /**
   * Notes the state of {@link #skipValue} at the item at p, whose bytes ran out, for the next call on
   * the same record to go on from ({@link #goOn}); returns INCOMPLETE.
   */
  private int cut(int p, int depth, long left, boolean inMap, boolean tagged, boolean key) {
    cutAt = p - recordStart;
    cutChunksAt = 0;
    cutInValue = true;
    cutDepth = depth;
    cutLeft = left;
    cutInMap = inMap;
    cutTagged = tagged;
    cutKey = key;
    return INCOMPLETE;
  }

  /**
   * For the tag whose head, of {@code headLength} bytes, is at p, with the byte after it available:
   * where the tag's head ends, the item it tags to be scanned next; or, for a decimal fraction,
   * where the whole fraction ends; or INCOMPLETE. In the reader's mode, neutralizes the tag unless it
   * is a bignum's or a decimal fraction's.
   */
  private int tagEnd(byte[] buf, int p, int limit, int headLength, boolean key, int depth)
      throws RecordFormatException {
    long tag = argument(buf, p, buf[p] & 31);
    int item = p + headLength;
    int itemMajor = (buf[item] & 0xff) >>> 5;
    if (tag == TAG_STRING_REFERENCE || tag == TAG_STRING_REFERENCE_NAMESPACE) {
      throw unsupported(p, "tag " + tag + (tag == TAG_STRING_REFERENCE ? ", a string reference" : ", a string"
          + " reference namespace") + "; recpipe does not resolve string references (tags 25 and 256)");
    }
    if ((tag == TAG_POSITIVE_BIGNUM || tag == TAG_NEGATIVE_BIGNUM) && itemMajor == MAJOR_BYTES) {
      if (!key) return item;
      // named as what it is, where it starts: the byte string alone was "a byte string", at the bytes
      if (malformedHead(buf[item] & 0xff) == null) {
        throw unsupported(p, "a map key that is a bignum (tag " + tag + "); recpipe reads map keys that are text"
            + " strings or integers from -2^64 to 2^64-1, not bignums");
      }
    }
    if (!key && tag == TAG_DECIMAL_FRACTION && itemMajor == MAJOR_ARRAY) {
      if (depth == Limits.MAX_DEPTH) throw tooDeep(item);
      int end = decimalFractionEnd(buf, item, limit);
      if (end != NOT_A_DECIMAL_FRACTION) return end;
    }
    if (forReader) neutralize(buf, p, headLength);
    return item;
  }

  /** Writes tag 6 over the tag head at p, in the same width. */
  private static void neutralize(byte[] buf, int p, int headLength) {
    if (headLength == 1) {
      buf[p] = (byte) (MAJOR_TAG << 5 | NEUTRAL_TAG);
      return;
    }
    for (int i = p + 1; i < p + headLength - 1; i++) buf[i] = 0;
    buf[p + headLength - 1] = NEUTRAL_TAG;
  }

  /**
   * Where the decimal fraction whose array head is at p ends, or INCOMPLETE; NOT_A_DECIMAL_FRACTION
   * when the array is not {@code [exponent, mantissa]} with an integer exponent and an integer or
   * bignum mantissa, and is read as the array it is (RFC 8949 §3.4.4, read as leniently as a bignum
   * tag on other than a byte string).
   *
   * @throws RecordFormatException the exponent is beyond what Java's BigDecimal holds
   */
  private int decimalFractionEnd(byte[] buf, int p, int limit) throws RecordFormatException {
    int headLength = HEAD_LENGTH[buf[p] & 31];
    if (headLength == 0) return NOT_A_DECIMAL_FRACTION;
    if (limit - p < headLength) return INCOMPLETE;
    if (argument(buf, p, buf[p] & 31) != 2) return NOT_A_DECIMAL_FRACTION;
    int exponent = p + headLength;
    int exponentEnd = integerEnd(buf, exponent, limit);
    if (exponentEnd < 0) return exponentEnd;
    int b = buf[exponent] & 0xff;
    long magnitude = argument(buf, exponent, b & 31);
    // -magnitude - 1 for a negative one: both in -(2^31-1)..2^31-1, so that BigDecimal can negate it
    if (magnitude < 0 || magnitude > Integer.MAX_VALUE - (b >>> 5)) {
      String value = b >>> 5 == 0 ? Long.toUnsignedString(magnitude)
          : "-" + new BigInteger(Long.toUnsignedString(magnitude)).add(BigInteger.ONE);
      throw unsupported(exponent, "a decimal fraction (tag 4) with exponent " + value
          + "; recpipe reads exponents from -2147483647 to 2147483647");
    }
    int mantissa = exponentEnd;
    if (mantissa >= limit) return INCOMPLETE;
    int end = integerEnd(buf, mantissa, limit);
    return end != NOT_A_DECIMAL_FRACTION ? end : bignumEnd(buf, mantissa, limit);
  }

  /** Where the integer (major type 0 or 1) at p ends, INCOMPLETE, or NOT_A_DECIMAL_FRACTION. */
  private static int integerEnd(byte[] buf, int p, int limit) {
    if (p >= limit) return INCOMPLETE;
    int b = buf[p] & 0xff;
    int headLength = HEAD_LENGTH[b & 31];
    if (b >>> 5 > 1 || headLength == 0) return NOT_A_DECIMAL_FRACTION;
    return limit - p < headLength ? INCOMPLETE : p + headLength;
  }

  /** Where the bignum (tag 2 or 3 on a byte string) at p ends, INCOMPLETE, or NOT_A_DECIMAL_FRACTION. */
  private int bignumEnd(byte[] buf, int p, int limit) throws RecordFormatException {
    int b = buf[p] & 0xff;
    int headLength = HEAD_LENGTH[b & 31];
    if (b >>> 5 != MAJOR_TAG || headLength == 0) return NOT_A_DECIMAL_FRACTION;
    if (limit - p < headLength + 1) return INCOMPLETE;
    long tag = argument(buf, p, b & 31);
    int string = p + headLength;
    int s = buf[string] & 0xff;
    if (tag != TAG_POSITIVE_BIGNUM && tag != TAG_NEGATIVE_BIGNUM || s >>> 5 != MAJOR_BYTES) {
      return NOT_A_DECIMAL_FRACTION;
    }
    return s == 0x5f ? stringChunksEnd(buf, string + 1, limit, 0x40) : stringEnd(buf, string, limit, s);
  }

  /** The number of items in the array or map whose head is at p: its elements, or twice its pairs. */
  private long items(byte[] buf, int p, int b) throws RecordFormatException {
    long count = argument(buf, p, b & 31);
    boolean map = b >>> 5 == 5;
    if (count < 0 || count > (map ? Limits.MAX_RECORD_BYTES / 2 : Limits.MAX_RECORD_BYTES)) {
      throw tooLarge(p, (map ? "a map of " : "an array of ") + Long.toUnsignedString(count)
          + (map ? " pairs" : " elements"));
    }
    return map ? count * 2 : count;
  }

  /** Where the definite-length string whose head b is at p ends, or INCOMPLETE. */
  private int stringEnd(byte[] buf, int p, int limit, int b) throws RecordFormatException {
    int headLength = headLength(b, p);
    if (limit - p < headLength) return INCOMPLETE;
    long length = argument(buf, p, b & 31);
    if (length < 0 || length > Limits.MAX_RECORD_BYTES) {
      throw tooLarge(p, describe(b) + " of " + Long.toUnsignedString(length) + " bytes");
    }
    if (length > limit - p - headLength) return INCOMPLETE;
    int end = p + headLength + (int) length;
    if (forReader && b >>> 5 == 3) checkUtf8(buf, p + headLength, end);
    return end;
  }

  /** Text from start to end, a whole string or one chunk of one, must be UTF-8. */
  private void checkUtf8(byte[] buf, int start, int end) throws RecordFormatException {
    int invalid = Utf8.firstInvalid(buf, start, end);
    if (invalid >= 0) {
      throw invalid(invalid, "text that is not UTF-8: " + Utf8.problemAt(buf, invalid, end, "the end of the text string"));
    }
  }

  /** Where the chunks of an indefinite-length string, starting at p, end after their break. */
  private int stringChunksEnd(byte[] buf, int p, int limit, int major) throws RecordFormatException {
    while (true) {
      if (p >= limit) {
        chunksRanOut = p;
        return INCOMPLETE;
      }
      int b = buf[p] & 0xff;
      if (b == BREAK) return p + 1;
      String string = major == 0x40 ? "indefinite-length byte string" : "indefinite-length text string";
      if ((b & 0xe0) != major) throw invalid(p, string + " holding " + describe(b));
      if ((b & 31) == 31) throw invalid(p, string + " holding an indefinite-length chunk");
      int chunk = p;
      p = stringEnd(buf, p, limit, b);
      if (p == INCOMPLETE) {
        chunksRanOut = chunk;
        return INCOMPLETE;
      }
    }
  }

  /**
   * Where the simple value or float (major type 7, not a break) at p ends, or INCOMPLETE. Of the
   * simple values, recpipe reads false, true, null and undefined: the others (0-19, 32-255) have no
   * meaning RFC 8949 gives them, and Jackson would read them as integers.
   */
  private int simpleOrFloatEnd(byte[] buf, int p, int limit, int b) throws RecordFormatException {
    int headLength = headLength(b, p);
    if (limit - p < headLength) return INCOMPLETE;
    if (b == 0xf8 && (buf[p + 1] & 0xff) < 32) {
      throw invalid(p, "simple value " + (buf[p + 1] & 0xff) + " in two bytes, where only 32-255 may be");
    }
    if (b < 0xf4 || b == 0xf8) {
      int value = b == 0xf8 ? buf[p + 1] & 0xff : b & 31;
      throw unsupported(p, "simple value " + value
          + "; recpipe reads the simple values false, true, null and undefined only");
    }
    return p + headLength;
  }

  /** The length of the head b at p, which must have a value: reserved or indefinite ones throw. */
  private int headLength(int b, int p) throws RecordFormatException {
    int headLength = HEAD_LENGTH[b & 31];
    if (headLength == 0) throw invalid(p, malformedHead(b));
    return headLength;
  }

  /** The argument of the head at p: a count, length, tag or integer; 8-byte ones may read negative. */
  private static long argument(byte[] buf, int p, int ai) {
    switch (ai) {
      case 24:
        return buf[p + 1] & 0xff;
      case 25:
        return (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff);
      case 26:
        return (int) INT.get(buf, p + 1) & 0xffffffffL;
      case 27:
        return (long) LONG.get(buf, p + 1);
      default:
        return ai;
    }
  }

  /** What is wrong with an initial byte no data item may start with, or null if it is fine. */
  private static String malformedHead(int b) {
    int ai = b & 31;
    if (b == BREAK) return "unexpected break";
    if (ai >= 28 && ai <= 30) return "reserved additional information " + ai;
    if (ai == 31 && b >>> 5 <= 1) return "indefinite length on an integer";
    if (ai == 31 && b >>> 5 == MAJOR_TAG) return "indefinite length on a tag";
    return null;
  }

  /** The data item an initial byte starts, as {@link Tokens#describe} names Jackson's tokens. */
  private static String describe(int b) {
    switch (b >>> 5) {
      case 0:
      case 1:
        return "an integer";
      case 2:
        return "a byte string";
      case 3:
        return "a text string";
      case 4:
        return "an array";
      case 5:
        return "a map";
      case 6:
        return "a tag";
      default:
        if (b == 0xf4 || b == 0xf5) return "a boolean";
        if (b == 0xf6 || b == 0xf7) return "null"; // Jackson reads undefined as null
        if (b >= 0xf9 && b <= 0xfb) return "a float";
        return "a simple value";
    }
  }

  /** The item at p is malformed, or well-formed but not what was expected. */
  private RecordFormatException unexpected(byte[] buf, int p, String what) {
    int b = buf[p] & 0xff;
    String malformed = malformedHead(b);
    return malformed != null ? invalid(p, malformed) : expected(p, what, describe(b));
  }

  /**
   * No record where one should start. At the input's first byte, text is told apart
   * ({@link TextInputException}): someone gave a text file to a tool that reads records.
   */
  private RecordFormatException notARecord(byte[] buf, int p, int limit) {
    RecordFormatException e = unexpected(buf, p, "a record, an array [seq, value]");
    if (offsetBase + p != 0 || !Utf8.looksLikeText(buf, p, limit)) return e;
    return new TextInputException(e.location(), e.detail());
  }

  /** A third element at p, or bytes that are not one. */
  private RecordFormatException extraElement(byte[] buf, int p) {
    int b = buf[p] & 0xff;
    String malformed = malformedHead(b);
    return malformed != null ? invalid(p, malformed) : expectedTwoElements(p, describe(b));
  }

  private RecordFormatException expectedTwoElements(int p, String found) {
    return error(p, "expected a record with exactly two elements [seq, value], found " + found);
  }

  private RecordFormatException expected(int p, String expected, String found) {
    return error(p, "expected " + expected + ", found " + found);
  }

  private RecordFormatException invalid(int p, String what) {
    return error(p, "invalid CBOR: " + what);
  }

  private RecordFormatException unsupported(int p, String what) {
    return error(p, "unsupported CBOR: " + what);
  }

  private RecordFormatException tooDeep(int p) {
    return error(p, "arrays and maps nested more than " + Limits.MAX_DEPTH + " deep, the limit");
  }

  private RecordFormatException tooLarge(int p, String item) {
    return error(p, item + " is larger than a record may be, " + Limits.recordLimit());
  }

  private RecordFormatException recordTooLarge(int start) {
    return new RecordFormatException(
        Location.atByte(offsetBase + start), "a record larger than " + Limits.recordLimit() + ", the limit");
  }

  /** An error at p, naming the record's seq once it has been read. */
  private RecordFormatException error(int p, String what) {
    Location at = Location.atByte(offsetBase + p);
    return new RecordFormatException(seqRead ? at.inRecord(pendingSeq) : at, what);
  }
}

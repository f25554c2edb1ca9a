package dev.recpipe.common;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.dataformat.cbor.CBORConstants;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactoryBuilder;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;

/**
 * Jackson's CBOR parser with one fix: a positive bignum (tag 2) is an unsigned magnitude (RFC 8949
 * §3.4.3), but jackson-dataformat-cbor 2.22 reads it as two's complement, so 2^71, written
 * {@code c2 49 80 00 ...} by any CBOR library, came back as -2^71. The subclass re-reads such a
 * magnitude unsigned. It uses Jackson's protected extension points only.
 *
 * <p>A parser over a {@link CountingInputStream} that has counted bytes already (a {@link
 * StreamTail}'s) starts its locations there, so its byte offsets are the whole stream's.
 */
final class UnsignedBignumCbor extends CBORFactory {
  private static final long serialVersionUID = 1L;

  UnsignedBignumCbor(CBORFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected CBORParser _createParser(InputStream in, IOContext context) throws IOException {
    Parser parser = new Parser(context, _parserFeatures, _formatParserFeatures, _objectCodec,
        _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures), in,
        context.allocReadIOBuffer());
    if (in instanceof CountingInputStream) parser.startAt(((CountingInputStream) in).count());
    return parser;
  }

  private static final class Parser extends CBORParser {
    Parser(IOContext context, int parserFeatures, int cborFeatures, ObjectCodec codec,
        ByteQuadsCanonicalizer symbols, InputStream in, byte[] buffer) {
      super(context, parserFeatures, cborFeatures, codec, symbols, in, buffer, 0, 0, true);
    }

    /** Counts locations from {@code offset}: the parser's input starts there in the whole stream. */
    void startAt(long offset) {
      _currInputProcessed = offset;
    }

    @Override
    protected JsonToken _handleTaggedBinary(TagList tags) throws IOException {
      boolean positive = tags.contains(CBORConstants.TAG_BIGNUM_POS);
      JsonToken token = super._handleTaggedBinary(tags);
      if (positive && token == JsonToken.VALUE_NUMBER_INT && _numberBigInt.signum() < 0) {
        _numberBigInt = new BigInteger(1, _binaryValue);
      }
      return token;
    }
  }
}

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
import java.nio.ByteBuffer;

/**
 * Jackson's CBOR parser with fixes for numbers jackson-dataformat-cbor 2.22 reads wrong. A bignum's
 * byte string is an unsigned magnitude n, the number n for tag 2 and -1 - n for tag 3 (RFC 8949
 * §3.4.3), but Jackson reads a positive one as two's complement, so 2^71, written {@code c2 49 80 00
 * ...} by any CBOR library, came back as -2^71; and an empty one as 0 whatever its tag, where
 * {@code c3 40} is -1 (found by DecodersAgreeTest): the subclass reads the magnitude itself. And a
 * map key that is an integer in 8 bytes beyond 2^63-1 (or below -2^63) became the text of another
 * number, 2^64-1 the key "-1": the subclass names it in full. It uses Jackson's protected extension
 * points only.
 */
final class UnsignedBignumCbor extends CBORFactory {
  private static final long serialVersionUID = 1L;

  UnsignedBignumCbor(CBORFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected CBORParser _createParser(InputStream in, IOContext context) throws IOException {
    return new Parser(context, _parserFeatures, _formatParserFeatures, _objectCodec,
        _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures), in,
        context.allocReadIOBuffer());
  }

  private static final class Parser extends CBORParser {
    Parser(IOContext context, int parserFeatures, int cborFeatures, ObjectCodec codec,
        ByteQuadsCanonicalizer symbols, InputStream in, byte[] buffer) {
      super(context, parserFeatures, cborFeatures, codec, symbols, in, buffer, 0, 0, true);
    }

    @Override
    protected JsonToken _handleTaggedBinary(TagList tags) throws IOException {
      boolean positive = tags.contains(CBORConstants.TAG_BIGNUM_POS);
      JsonToken token = super._handleTaggedBinary(tags);
      if (token == JsonToken.VALUE_NUMBER_INT) {
        BigInteger magnitude = new BigInteger(1, _binaryValue);
        _numberBigInt = positive ? magnitude : magnitude.add(BigInteger.ONE).negate();
      }
      return token;
    }

    /** An integer map key as its decimal text, of any size: Jackson's own reads 8-byte ones signed. */
    @Override
    protected String _numberToName(int ch, boolean negative, TagList tags) throws IOException {
      if ((ch & 31) != 27) return super._numberToName(ch, negative, tags);
      _loadToHaveAtLeast(8);
      long bits = ByteBuffer.wrap(_inputBuffer, _inputPtr, 8).getLong();
      _inputPtr += 8;
      BigInteger magnitude = new BigInteger(Long.toUnsignedString(bits));
      return (negative ? magnitude.add(BigInteger.ONE).negate() : magnitude).toString();
    }
  }
}

package dev.recpipe.writer;

import dev.recpipe.common.text.TextBuffer;
/**
 * How a delimited format separates fields and protects text that would break them: csv quotes
 * (RFC 4180), tsv escapes with backslashes (the {@code text/tab-separated-values} convention of
 * PostgreSQL's {@code COPY} and of {@code mysql --batch}).
 *
 * <p>Works on UTF-8 bytes: every byte it looks for is ASCII, and no byte of a multi-byte UTF-8
 * sequence is ASCII.
 */
enum FieldEncoding {
  /** Quoted in {@code "} when the text holds a comma, a quote, CR or LF; a quote inside doubles. */
  CSV(',') {
    @Override
    void writeText(TextBuffer text, TextBuffer out) {
      if (!needsQuotes(text)) {
        out.write(text, 0, text.size());
        return;
      }
      out.writeByte('"');
      int runStart = 0;
      for (int i = 0; i < text.size(); i++) {
        if (text.byteAt(i) != '"') continue;
        out.write(text, runStart, i + 1);
        runStart = i; // the quote goes out twice
      }
      out.write(text, runStart, text.size());
      out.writeByte('"');
    }

    private boolean needsQuotes(TextBuffer text) {
      for (int i = 0; i < text.size(); i++) {
        byte b = text.byteAt(i);
        if (b == ',' || b == '"' || b == '\r' || b == '\n') return true;
      }
      return false;
    }
  },

  /** Never quoted; tab, LF, CR and backslash become {@code \t}, {@code \n}, {@code \r}, {@code \\}. */
  TSV('\t') {
    @Override
    void writeText(TextBuffer text, TextBuffer out) {
      int runStart = 0;
      for (int i = 0; i < text.size(); i++) {
        int escaped = escapeLetter(text.byteAt(i));
        if (escaped == 0) continue;
        out.write(text, runStart, i);
        out.writeByte('\\');
        out.writeByte(escaped);
        runStart = i + 1;
      }
      out.write(text, runStart, text.size());
    }

    private int escapeLetter(byte b) {
      switch (b) {
        case '\t':
          return 't';
        case '\n':
          return 'n';
        case '\r':
          return 'r';
        case '\\':
          return '\\';
        default:
          return 0;
      }
    }
  };

  private final byte delimiter;

  FieldEncoding(char delimiter) {
    this.delimiter = (byte) delimiter;
  }

  byte delimiter() {
    return delimiter;
  }

  /** Appends {@code text}, UTF-8, as one field: quoted or escaped as this encoding needs. */
  abstract void writeText(TextBuffer text, TextBuffer out);
}

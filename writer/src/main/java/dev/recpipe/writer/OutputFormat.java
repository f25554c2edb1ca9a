package dev.recpipe.writer;

/**
 * The values of {@code --format}. The constants are lowercase because they are what the user
 * types, and what picocli lists in {@code --help} and in its "expected one of" message.
 */
enum OutputFormat {
  csv {
    @Override
    LineFormat newLineFormat() {
      return new DelimitedFormat(FieldEncoding.CSV);
    }
  },
  tsv {
    @Override
    LineFormat newLineFormat() {
      return new DelimitedFormat(FieldEncoding.TSV);
    }
  },
  jsonl {
    @Override
    LineFormat newLineFormat() {
      return new JsonLinesFormat();
    }
  },
  lines {
    @Override
    LineFormat newLineFormat() {
      return new PlainLinesFormat();
    }
  };

  abstract LineFormat newLineFormat();
}

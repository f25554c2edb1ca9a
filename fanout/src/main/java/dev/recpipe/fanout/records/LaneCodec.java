package dev.recpipe.fanout.records;

/**
 * How one lane's records become bytes for its worker and the worker's bytes become records again:
 * the two ends of the lane, its outlet's {@link BatchEncoder} and its inlet's {@link OutputFramer},
 * made together because they may share what was dealt (a {@code --lines} worker's lines get the seqs
 * dealt to its lane, in order). A lane is built with one, so record workers pay nothing for lines.
 */
public interface LaneCodec {
  BatchEncoder encoder();

  OutputFramer framer();

  /** Record workers: batches go in as their bytes, the output is framed as records. */
  static LaneCodec records() {
    Chunker chunker = new Chunker();
    return new LaneCodec() {
      @Override
      public BatchEncoder encoder() {
        return BatchEncoder.RECORDS;
      }

      @Override
      public OutputFramer framer() {
        return chunker;
      }
    };
  }
}

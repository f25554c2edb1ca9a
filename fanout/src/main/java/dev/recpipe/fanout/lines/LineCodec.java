package dev.recpipe.fanout.lines;

import dev.recpipe.fanout.records.BatchEncoder;
import dev.recpipe.fanout.records.LaneCodec;
import dev.recpipe.fanout.records.OutputFramer;

/**
 * {@code fanout --lines}: a lane whose worker is a plain line filter. Its outlet writes each record
 * as a line ({@link LineEncoder}), noting the seqs dealt in order ({@link DealtSeqs}); its inlet
 * reads one line back for each, and makes it the record {@code [seq, "line"]} with the seq dealt for
 * it ({@link LineFramer}). The worker never sees a seq, so any program that writes one line per line
 * it reads (awk, sed, jq -c, a script) can be one.
 */
public final class LineCodec implements LaneCodec {
  private final LineEncoder encoder;
  private final LineFramer framer;

  /** The codec of the lane of the worker named {@code name} in messages. */
  public LineCodec(String name) {
    DealtSeqs dealt = new DealtSeqs();
    this.encoder = new LineEncoder(dealt);
    this.framer = new LineFramer(name, dealt);
  }

  @Override
  public BatchEncoder encoder() {
    return encoder;
  }

  @Override
  public OutputFramer framer() {
    return framer;
  }
}

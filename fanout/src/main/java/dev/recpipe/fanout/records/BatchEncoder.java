package dev.recpipe.fanout.records;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The outlet's half of a {@link LaneCodec}: the bytes a worker reads for a batch. A record worker
 * reads the records' own bytes ({@link #RECORDS}, no copy); a {@code --lines} worker reads each
 * record as a line.
 */
public interface BatchEncoder {
  /** The records as they are. */
  BatchEncoder RECORDS = new BatchEncoder() {
    @Override
    public ByteBuffer deal(Chunk batch) {
      return ByteBuffer.wrap(batch.bytes());
    }

    @Override
    public ByteBuffer dealAgain(Chunk batch, int from) {
      int start = batch.start(from);
      return ByteBuffer.wrap(batch.bytes(), start, batch.bytes().length - start);
    }
  };

  /** The bytes for {@code batch}, dealt for the first time. */
  ByteBuffer deal(Chunk batch) throws IOException;

  /** The bytes for the records of {@code batch} from record {@code from} on, dealt again after a restart. */
  ByteBuffer dealAgain(Chunk batch, int from) throws IOException;

  /**
   * {@code --skip-failed}: a fresh worker reads what is dealt from now on, and nothing dealt before is
   * its to answer (a {@code --lines} worker's lines answer only those records).
   */
  default void restart() {}
}

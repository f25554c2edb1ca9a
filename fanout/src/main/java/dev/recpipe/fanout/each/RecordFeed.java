package dev.recpipe.fanout.each;

import dev.recpipe.common.Location;
import dev.recpipe.common.RecordFormatException;
import dev.recpipe.common.RecordReader;
import dev.recpipe.fanout.workers.CommandLineCharset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Reads {@code fanout --each}'s input on a thread of its own, so a slow upstream never holds back the
 * results of records already running: each record's text as an {@link Input} onto the run's event
 * queue, then {@link #END}, or the {@link Throwable} that stopped the reading. It takes a permit from
 * {@code room} before each record, one the run gives back when the record leaves the window: so it
 * reads no further ahead than the window holds.
 */
final class RecordFeed implements Runnable {
  /** The input ended cleanly. */
  static final Object END = new Object();

  /** One record read: its seq, its text, and its bytes as they came in if they are kept, else null. */
  record Input(long seq, String value, byte[] raw) {}

  private final InputStream in;
  private final Semaphore room;
  private final BlockingQueue<Object> events;
  private final boolean keepRaw;

  /** With {@code keepRaw}, each {@link Input} carries the record's bytes, for a rejects file. */
  RecordFeed(InputStream in, Semaphore room, BlockingQueue<Object> events, boolean keepRaw) {
    this.in = in;
    this.room = room;
    this.events = events;
    this.keepRaw = keepRaw;
  }

  /** Starts reading on a daemon thread: one blocked on stdin must not keep the JVM alive. */
  void start() {
    Thread thread = new Thread(this, "fanout-each-stdin");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    try {
      RawRecords raw = keepRaw ? new RawRecords(in) : null;
      RecordReader records = new RecordReader(raw == null ? in : raw);
      while (true) {
        room.acquire();
        if (!records.next()) break;
        String value = text(records);
        events.add(new Input(records.seq(), value, raw == null ? null : raw.record(records.recordOffset())));
      }
      events.add(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      events.add(e);
    }
  }

  /** The record's value, which must be text that can be an argument. */
  private static String text(RecordReader records) throws IOException {
    Location where = Location.ofRecord(records.seq(), records.recordOffset());
    String value;
    try {
      value = records.readText();
    } catch (RecordFormatException e) {
      throw e.withHint("--each passes a record's text to CMD");
    }
    if (value.indexOf('\0') >= 0) {
      throw new RecordFormatException(where, "text with a NUL character, which no argument can hold");
    }
    Charset unfit = CommandLineCharset.unfit(value);
    if (unfit != null) {
      throw new RecordFormatException(where, Quoted.of(value) + " can't be an argument in this locale,"
          + " whose encoding is " + unfit + ": run fanout in a UTF-8 locale, e.g. with LC_ALL=C.UTF-8");
    }
    return value;
  }
}

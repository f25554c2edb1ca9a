package dev.recpipe.fanout.pipes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.WritableByteChannel;

/**
 * One end of a named pipe as a non-blocking channel that a selector of its {@link Fifos} watches:
 * what the JDK's {@code FileChannel} cannot be. Made by {@link Fifos#openForReading} and its kin.
 *
 * <p>Reads give 0 bytes when nothing is there yet, -1 at end of file. Writes give 0 bytes written
 * when the pipe is full, and an {@code IOException} "Broken pipe" once the pipe has no reader left.
 */
public final class FifoChannel implements ByteChannel {
  /** The bytes written into a pipe that its reader has not read yet ({@code FIONREAD}). */
  @FunctionalInterface
  interface Unread {
    int bytes() throws IOException;
  }

  private final SelectableChannel channel;
  private final Unread unread;

  /** {@code channel}: non-blocking, and a {@link ReadableByteChannel}, a {@link WritableByteChannel}, or both. */
  FifoChannel(SelectableChannel channel, Unread unread) {
    this.channel = channel;
    this.unread = unread;
  }

  /** Registers with {@code selector}, which must come from the same {@link Fifos}. */
  public SelectionKey register(Selector selector, int ops, Object attachment) throws ClosedChannelException {
    return channel.register(selector, ops, attachment);
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    return ((ReadableByteChannel) channel).read(target);
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    return ((WritableByteChannel) channel).write(source);
  }

  /** Bytes written into the pipe that its reader has not read yet. */
  public int unreadBytes() throws IOException {
    return unread.bytes();
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

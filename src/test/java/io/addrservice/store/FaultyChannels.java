package io.addrservice.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Log segments on a disk that tests make fail, or watch, at the write and at the fsync. */
final class FaultyChannels implements WriteLog.Channels {
  /** What a channel does at a write or an fsync; may throw an IOException. */
  interface Hook {
    void run(FileChannel channel) throws IOException;
  }

  volatile Hook beforeWrite = channel -> {};
  volatile Hook beforeForce = channel -> {};
  volatile boolean failWrites;
  volatile boolean failForces;
  final AtomicInteger writes = new AtomicInteger();
  final AtomicInteger forces = new AtomicInteger();

  @Override
  public FileChannel open(Path file) throws IOException {
    return new Faulty(WriteLog.Channels.DEFAULT.open(file));
  }

  private final class Faulty extends FileChannel {
    private final FileChannel delegate;

    Faulty(FileChannel delegate) {
      this.delegate = delegate;
    }

    private void beforeWrite() throws IOException {
      beforeWrite.run(delegate);
      if (failWrites) {
        throw new IOException("No space left on device (injected)");
      }
      writes.incrementAndGet();
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      beforeWrite();
      return delegate.write(src, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      beforeWrite();
      return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      beforeWrite();
      return delegate.write(srcs, offset, length);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      beforeForce.run(delegate);
      if (failForces) {
        throw new IOException("Input/output error (injected)");
      }
      forces.incrementAndGet();
      delegate.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return delegate.read(dsts, offset, length);
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      delegate.truncate(size);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      return delegate.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return delegate.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }
}

package io.mproc.queue;

import io.mproc.internal.ProcessIdentity;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.memory.SharedObject;
import io.mproc.sync.WaitStrategies;
import io.mproc.sync.WaitCondition;
import io.mproc.sync.WaitStrategy;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

import java.io.EOFException;
import java.util.concurrent.TimeUnit;

/**
 * One end of a {@link Pipe}, the twin of Python's {@code multiprocessing.connection.Connection}: {@link #send}
 * and {@link #recv} of values (null included, as Python's {@code None}), {@link #sendBytes} and {@link #recvBytes}
 * (or {@link #recvBytesInto}) of raw bytes, {@link #poll} for readiness.
 * When the other end is closed, or the process holding it dies, {@code recv} drains what was sent and then throws
 * {@link EOFException} instead of hanging (a dead peer is noticed within about a second).
 * <p>
 * An end is attached to the process that opens it ({@link #open}, or receiving it from another process, where it
 * arrives as a live handle on the same end): from then on the peer sees that process's death as end of file. The
 * ends {@link Pipe#create} returns are attached at their first use instead, so that the creator may hand one to a
 * child and close its own handle on it without the peer seeing end of file. One thread at a time per direction is the intended use, as in Python.
 */
public final class Connection extends SharedObject implements SharedConnection
{
    private static final long serialVersionUID = 1L;
    private static final long PEER_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The two ends of a pipe. */
    public enum End
    {
        /** The end that {@link Pipe#left()} returns. */
        A,
        /** The end that {@link Pipe#right()} returns. */
        B
    }

    private final transient End end;
    private final transient RingCore outgoing;
    private final transient RingCore incoming;
    private final transient int ownerIndex;
    private final transient int closedIndex;
    private final transient int peerOwnerIndex;
    private final transient int peerClosedIndex;
    private final transient boolean readable;
    private final transient boolean writable;
    private final transient ObjectCodec codec;
    private final transient Receiver receiver = new Receiver();
    private final transient WaitCondition readableOrPeerGone = this::isReadableOrPeerGone;
    private final transient RingValueWriter scratch = new RingValueWriter();
    private final transient ByteSlice outgoingSlice = new ByteSlice();
    private final transient BytesIntoReceiver bytesReceiver;
    private transient boolean attached;
    private transient long lastPeerCheckNs;
    private transient boolean peerDead;

    Connection(final MappedRegion region, final End end, final AllowList allowList, final WaitStrategy waitStrategy)
    {
        super(region);
        this.end = end;
        final int body = region.bodyOffset();
        final int capacity = (int)region.length();
        final int aToB = body + PipeDescriptor.A_TO_B_OFFSET;
        final int bToA = body + PipeDescriptor.bToAOffset(capacity);
        try
        {
            outgoing = new RingCore(buffer, End.A == end ? aToB : bToA, region.path(), waitStrategy);
            incoming = new RingCore(buffer, End.A == end ? bToA : aToB, region.path(), waitStrategy);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
        final int self = body + (End.A == end ? PipeDescriptor.END_A_OFFSET : PipeDescriptor.END_B_OFFSET);
        final int peer = body + (End.A == end ? PipeDescriptor.END_B_OFFSET : PipeDescriptor.END_A_OFFSET);
        ownerIndex = self + PipeDescriptor.END_OWNER_OFFSET;
        closedIndex = self + PipeDescriptor.END_CLOSED_OFFSET;
        peerOwnerIndex = peer + PipeDescriptor.END_OWNER_OFFSET;
        peerClosedIndex = peer + PipeDescriptor.END_CLOSED_OFFSET;
        final int direction = buffer.getInt(body + PipeDescriptor.END_A_OFFSET + PipeDescriptor.DIRECTION_OFFSET);
        if (PipeDescriptor.DUPLEX != direction && PipeDescriptor.ONE_WAY != direction)
        {
            region.close();
            throw new io.mproc.memory.ForeignFileException(region.path(), "pipe direction " + direction);
        }
        readable = PipeDescriptor.DUPLEX == direction || End.A == end;
        writable = PipeDescriptor.DUPLEX == direction || End.B == end;
        codec = new ObjectCodec(allowList).at("pipe '" + region.name() + "' end " + end + " (" + region.path() + ")",
            "Connection.open(namespace, \"" + region.name() + "\", End." + end +
            ", AllowList.of(%s.class)) (or the allowList argument of Pipe.create)");
        bytesReceiver = new BytesIntoReceiver(codec);
    }

    /**
     * Opens one end of an existing pipe.
     *
     * @param namespace of the pipe.
     * @param name      of the pipe.
     * @param end       {@code "A"} or {@code "B"}.
     * @return the connection.
     */
    public static Connection open(final Namespace namespace, final String name, final String end)
    {
        return open(namespace, name, End.valueOf(end), AllowList.NONE);
    }

    /**
     * Opens one end of an existing pipe.
     *
     * @param namespace of the pipe.
     * @param name      of the pipe.
     * @param end       which end.
     * @param allowList of user classes {@link #recv()} may instantiate.
     * @return the connection.
     */
    public static Connection open(final Namespace namespace, final String name, final End end, final AllowList allowList)
    {
        return open(namespace, name, end, allowList, WaitStrategies.defaultFor(namespace));
    }

    /**
     * Opens one end of an existing pipe with a wait strategy of its own.
     *
     * @param namespace    of the pipe.
     * @param name         of the pipe.
     * @param end          which end.
     * @param allowList    of user classes {@link #recv()} may instantiate.
     * @param waitStrategy how {@link #recv()} and {@link #poll} wait.
     * @return the connection.
     */
    public static Connection open(final Namespace namespace, final String name, final End end,
        final AllowList allowList, final WaitStrategy waitStrategy)
    {
        final Connection connection =
            new Connection(namespace.open(name, PipeDescriptor.anyCapacity()), end, allowList, waitStrategy);
        // Attached now, not at first use: a process that opened its end and died before using it must still be seen
        // dead by the peer, whose recv would otherwise wait for an owner that never comes.
        connection.attach();
        return connection;
    }

    /**
     * @return true when this end may receive (Python's {@code readable}): always, unless it is the sending end of a
     * one-way pipe.
     */
    public boolean isReadable()
    {
        return readable;
    }

    /**
     * @return true when this end may send (Python's {@code writable}): always, unless it is the receiving end of a
     * one-way pipe.
     */
    public boolean isWritable()
    {
        return writable;
    }

    /**
     * @return true unless this end belongs to a one-way pipe.
     */
    public boolean isDuplex()
    {
        return readable && writable;
    }

    /**
     * @return which end this is.
     */
    public End end()
    {
        return end;
    }

    /**
     * Sends a value, waiting while the direction is full.
     *
     * @param value to send: anything {@link ObjectCodec} encodes (JDK values, collections, records, enums and handles
     *              by default; other classes when this end's {@link AllowList} names them), or null (Python's
     *              {@code None}), which {@link #recv()} returns as null.
     * @throws UnsendableValueException when the value, or something in it, cannot travel; nothing is sent.
     * @throws EOFException         when this end or the pipe was closed.
     * @throws InterruptedException when interrupted while waiting for space.
     */
    public void send(final Object value) throws EOFException, InterruptedException
    {
        write(codec, value);
    }

    /**
     * Sends raw bytes.
     *
     * @param bytes to send.
     * @throws EOFException         when this end or the pipe was closed.
     * @throws InterruptedException when interrupted while waiting for space.
     */
    public void sendBytes(final byte[] bytes) throws EOFException, InterruptedException
    {
        send(bytes);
    }

    /**
     * Sends {@code size} bytes of {@code buffer} from {@code offset} as one message, straight from the array (Python's
     * {@code send_bytes(buf, offset, size)}); the peer receives them with {@link #recvBytes()}.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte to send; 0 to {@code buffer.length}.
     * @param size   how many bytes to send; 0 to {@code buffer.length - offset}.
     * @throws IndexOutOfBoundsException naming the values, when offset or size is negative or the part runs past the
     *                                   end of the buffer (Python's {@code ValueError}); nothing is sent.
     * @throws EOFException              when this end or the pipe was closed.
     * @throws InterruptedException      when interrupted while waiting for space.
     */
    public void sendBytes(final byte[] buffer, final int offset, final int size)
        throws EOFException, InterruptedException
    {
        try
        {
            write(ByteSlice.CODEC, outgoingSlice.set(buffer, offset, size));
        }
        finally
        {
            outgoingSlice.clear();
        }
    }

    /**
     * Receives the next value, waiting for it.
     *
     * @return the value.
     * @throws EOFException         when nothing is left and the peer end is closed or its process died.
     * @throws InterruptedException when interrupted while waiting.
     */
    public Object recv() throws EOFException, InterruptedException
    {
        attach();
        if (!poll(WaitStrategy.FOREVER, TimeUnit.NANOSECONDS))
        {
            throw new EOFException("pipe peer is gone and nothing is left to receive: " + path());
        }
        if (1 != incoming.read(receiver, 1))
        {
            throw new EOFException("pipe peer is gone and nothing is left to receive: " + path());
        }
        return receiver.take();
    }

    /**
     * {@link #recvBytesInto(byte[], int)} at offset 0.
     *
     * @param buffer to receive into.
     * @return the number of bytes received.
     * @throws BufferTooShortException when the message is longer than the buffer: it holds the whole message.
     * @throws EOFException            when nothing is left and the peer is gone.
     * @throws InterruptedException    when interrupted while waiting.
     */
    public int recvBytesInto(final byte[] buffer) throws EOFException, InterruptedException
    {
        return recvBytesInto(buffer, 0);
    }

    /**
     * Receives the next message, which must be bytes, into {@code buffer} from {@code offset} on, without allocating
     * (Python's {@code recv_bytes_into}).
     *
     * @param buffer to receive into.
     * @param offset where the message goes; 0 to {@code buffer.length}.
     * @return the number of bytes received.
     * @throws IndexOutOfBoundsException naming the values, when the offset is negative or past the end of the
     *                                   buffer; nothing is received.
     * @throws BufferTooShortException   when the message does not fit from the offset on: it was received, and
     *                                   {@link BufferTooShortException#message()} holds it whole (as Python's).
     * @throws IllegalStateException     when the message was a value, not bytes (it is received and dropped).
     * @throws EOFException              when nothing is left and the peer is gone.
     * @throws InterruptedException      when interrupted while waiting.
     */
    public int recvBytesInto(final byte[] buffer, final int offset) throws EOFException, InterruptedException
    {
        attach();
        BytesIntoReceiver.checkOffset(buffer, offset);
        if (!poll(WaitStrategy.FOREVER, TimeUnit.NANOSECONDS))
        {
            throw new EOFException("pipe peer is gone and nothing is left to receive: " + path());
        }
        bytesReceiver.into(buffer, offset);
        final int read = incoming.read(bytesReceiver, 1);
        final int received = bytesReceiver.take();
        if (1 != read)
        {
            throw new EOFException("pipe peer is gone and nothing is left to receive: " + path());
        }
        return received;
    }

    /**
     * Waits until a value can be received, the peer is gone, or the timeout passes.
     *
     * @param timeout longest wait; 0 to test once.
     * @param unit    of the timeout.
     * @return true when a value is ready to receive; false on timeout or when the peer is gone with nothing left.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        attach();
        if (!readable)
        {
            throw new IllegalStateException(
                "this end of a one-way pipe only sends: end=" + end + ", path=" + path());
        }
        incoming.waitStrategy.await(incoming.notEmpty, readableOrPeerGone, unit.toNanos(timeout), true);
        return incoming.isReadable();
    }

    /**
     * Closes this end: if this process holds it, the peer sees end-of-file once it has drained what was sent.
     * Then releases the handle. Closing twice is harmless.
     */
    public void close()
    {
        if (!isClosed())
        {
            if (attached && ProcessIdentity.currentOwnerWord() == buffer.getLongVolatile(ownerIndex))
            {
                buffer.putIntVolatile(closedIndex, 1);
                outgoing.notEmpty.wake(Integer.MAX_VALUE); // the peer may sleep in recv
                incoming.notFull.wake(Integer.MAX_VALUE);  // or in send
            }
            outgoing.releaseProducerEntries();
        }
        super.close();
    }

    protected String qualifier()
    {
        return end.name();
    }

    public String toString()
    {
        return "Connection{name=" + name() + ", end=" + end + (isClosed() ? ", closed" : "") + '}';
    }

    private void attach()
    {
        ensureOpen();
        if (!attached)
        {
            buffer.putLongVolatile(ownerIndex, ProcessIdentity.currentOwnerWord());
            buffer.putIntVolatile(closedIndex, 0);
            attached = true;
        }
        if (0 != buffer.getIntVolatile(closedIndex))
        {
            throw new QueueClosedException("pipe end is closed: " + path());
        }
    }

    /**
     * Writes one message, waiting while the direction is full or until the peer is gone.
     */
    private <E> void write(final Codec<E> messageCodec, final E value) throws EOFException, InterruptedException
    {
        attach();
        if (!writable)
        {
            throw new IllegalStateException(
                "this end of a one-way pipe only receives: end=" + end + ", path=" + path());
        }
        try
        {
            if (scratch.tryWrite(outgoing, messageCodec, value))
            {
                return;
            }
            final boolean[] written = new boolean[1];
            outgoing.waitStrategy.await(outgoing.notFull,
                () -> (written[0] = scratch.retryWrite(outgoing, messageCodec, value)) || isPeerGone(), WaitStrategy.FOREVER, true);
            if (!written[0])
            {
                scratch.value = null;
                throw new EOFException("pipe peer is gone, cannot send: " + path());
            }
        }
        catch (final QueueClosedException ex)
        {
            throw new EOFException("pipe end is closed: " + path());
        }
    }

    private boolean isReadableOrPeerGone()
    {
        return incoming.isReadable() || isPeerGone();
    }

    /**
     * The peer closed its end, or the process attached to it died. The liveness check reads /proc, so it runs at most
     * every 10 ms.
     */
    private boolean isPeerGone()
    {
        if (0 != buffer.getIntVolatile(peerClosedIndex))
        {
            return true;
        }
        if (peerDead)
        {
            return true;
        }
        final long nowNs = System.nanoTime();
        if (nowNs - lastPeerCheckNs < PEER_CHECK_INTERVAL_NS)
        {
            return false;
        }
        lastPeerCheckNs = nowNs;
        final long peerOwner = buffer.getLongVolatile(peerOwnerIndex);
        peerDead = 0 != peerOwner && !ProcessIdentity.isOwnerAlive(peerOwner);
        return peerDead;
    }

    /**
     * Decodes one received message.
     */
    private final class Receiver implements MessageHandler
    {
        private Object value;
        private RuntimeException failure;

        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            try
            {
                value = codec.decode(msgTypeId, buffer, index, length);
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
        }

        Object take()
        {
            final Object value = this.value;
            final RuntimeException failure = this.failure;
            this.value = null;
            this.failure = null;
            if (null != failure)
            {
                throw failure;
            }
            return value;
        }
    }
}

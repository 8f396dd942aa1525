package io.mproc.queue;

import java.io.EOFException;
import java.util.concurrent.TimeUnit;

/**
 * One end of a pipe ({@link SharedPipe}), whatever the backend: Python's {@code Connection}. {@link Connection} on
 * this machine's shared memory; in {@code ipc-cluster}, one end of a pair of cluster queues. When the other end was
 * closed, or the process holding it died, {@link #recv()} drains what was sent and then throws {@link EOFException}
 * instead of hanging. An end travels to another process (a child's argument) and arrives there as a live handle on
 * the same end, now held by that process. One thread at a time per direction, as in Python.
 */
public interface SharedConnection extends AutoCloseable
{
    /**
     * Sends a value (null included, as Python's {@code None}).
     *
     * @throws EOFException         when this end was closed.
     * @throws InterruptedException when interrupted while waiting for space.
     */
    void send(Object value) throws EOFException, InterruptedException;

    /**
     * Sends raw bytes, which the peer receives with {@link #recvBytes()}.
     *
     * @throws EOFException         when this end was closed.
     * @throws InterruptedException when interrupted while waiting for space.
     */
    void sendBytes(byte[] bytes) throws EOFException, InterruptedException;

    /**
     * Receives the next value, waiting for it.
     *
     * @throws EOFException         when nothing is left and the peer end is closed or its process died.
     * @throws InterruptedException when interrupted while waiting.
     */
    Object recv() throws EOFException, InterruptedException;

    /**
     * Receives the next value, which must be bytes.
     *
     * @throws IllegalStateException when it was a value, not bytes.
     * @throws EOFException          when nothing is left and the peer end is closed or its process died.
     * @throws InterruptedException  when interrupted while waiting.
     */
    default byte[] recvBytes() throws EOFException, InterruptedException
    {
        final Object value = recv();
        if (value instanceof byte[])
        {
            return (byte[])value;
        }
        throw new IllegalStateException(
            "received a value, not bytes: type=" + (null == value ? "null" : value.getClass().getName()));
    }

    /**
     * Waits until a value can be received, the peer is gone, or the timeout passes.
     *
     * @param timeout longest wait; 0 to test once.
     * @param unit    of the timeout.
     * @return true when a value is ready to receive; false on timeout or when the peer is gone with nothing left.
     * @throws InterruptedException when interrupted while waiting.
     */
    boolean poll(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Python's {@code poll()}: whether a value is ready now, without waiting.
     *
     * @throws InterruptedException when interrupted.
     */
    default boolean poll() throws InterruptedException
    {
        return poll(0, TimeUnit.NANOSECONDS);
    }

    /**
     * Closes this end: if this process holds it, the peer sees end-of-file once it has drained what was sent.
     * Closing twice is harmless.
     */
    @Override
    void close();
}

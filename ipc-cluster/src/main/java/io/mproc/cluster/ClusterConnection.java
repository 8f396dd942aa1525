package io.mproc.cluster;

import io.mproc.queue.SharedConnection;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.IgniteInterruptedException;
import org.apache.ignite.IgniteQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One end of a pipe on a cluster ({@link ClusterPipe}): it receives from one TRANSACTIONAL Ignite queue and sends on
 * another (one queue per direction, of the values' bytes, {@link Payloads}), for the reason {@link ClusterQueue}
 * gives. Two things make end-of-file:
 * <ul>
 *     <li>closing an end this process holds puts {@link #CLOSED_MARKER} (no bytes: every payload has at least its
 *     type id) on its outgoing queue, behind what it sent; the peer drains the values, meets the marker and gives
 *     {@link EOFException} from then on;</li>
 *     <li>the end's holder is recorded in the pipes' cache (its node id, when this process first uses the end or
 *     receives it from another); a receive that waits does so in slices ({@link Slices}) and, after each empty one,
 *     looks whether the peer's holder is still in the topology: when its node left (the process died, or exited
 *     without closing), the receive drains what is left and then gives end-of-file rather than hanging.</li>
 * </ul>
 * A received value is taken off the queue by {@link #poll} and kept here until {@link #recv} returns it.
 * Sent to another process, an end travels as a {@link HandleRef} and arrives there held by that process.
 */
final class ClusterConnection implements SharedConnection, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);
    private static final byte[] CLOSED_MARKER = new byte[0];

    private final transient ClusterUri uri;
    private final transient String name;
    private final transient boolean right;
    private final transient boolean duplex;
    private final transient Ignite ignite;
    private final transient IgniteQueue<byte[]> incoming;
    private final transient IgniteQueue<byte[]> outgoing;
    private final transient IgniteCache<String, byte[]> holders;
    private final transient Payloads payloads;
    private transient byte[] pending;
    private transient boolean attached;
    private transient boolean peerGone;
    private transient boolean closed;

    /**
     * @param right    which end: false for left (a one-way pipe's receiving end), true for right.
     * @param incoming the queue this end receives from; null for a one-way pipe's right end.
     * @param outgoing the queue this end sends on; null for a one-way pipe's left end.
     * @param holders  the pipes' cache, where each end's holder (node id) is recorded.
     */
    ClusterConnection(final ClusterUri uri, final String name, final boolean right, final boolean duplex,
        final Ignite ignite, final IgniteQueue<byte[]> incoming, final IgniteQueue<byte[]> outgoing,
        final IgniteCache<String, byte[]> holders)
    {
        this.uri = uri;
        this.name = name;
        this.right = right;
        this.duplex = duplex;
        this.ignite = ignite;
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.holders = holders;
        this.payloads = new Payloads("cluster pipe '" + name + "'");
    }

    @Override
    public void send(final Object value) throws EOFException, InterruptedException
    {
        if (null == outgoing)
        {
            throw new IllegalStateException("this end of a one-way pipe only receives: " + this);
        }
        checkOpen();
        attach();
        Interrupts.throwIfInterrupted();
        outgoing.put(payloads.encode(value)); // unbounded: never waits for space
    }

    @Override
    public void sendBytes(final byte[] bytes) throws EOFException, InterruptedException
    {
        send(bytes);
    }

    @Override
    public Object recv() throws EOFException, InterruptedException
    {
        if (!poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS))
        {
            throw new EOFException("pipe peer is gone and nothing is left to receive: " + this);
        }
        final byte[] bytes = pending;
        pending = null;
        return payloads.decode(bytes);
    }

    @Override
    public boolean poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        if (null == incoming)
        {
            throw new IllegalStateException("this end of a one-way pipe only sends: " + this);
        }
        if (closed)
        {
            throw new IllegalStateException("this end is closed: " + this);
        }
        attach();
        final long start = System.nanoTime();
        final long timeoutNs = unit.toNanos(timeout);
        try
        {
            while (null == pending && !peerGone)
            {
                Interrupts.throwIfInterrupted();
                final long leftNs = timeoutNs - (System.nanoTime() - start);
                final byte[] item = leftNs <= 0 ? incoming.poll() :
                    incoming.poll(Math.min(leftNs, Slices.SLICE_NS), TimeUnit.NANOSECONDS);
                if (null != item)
                {
                    take(item);
                }
                else if (peerHolderLeft())
                {
                    final byte[] last = incoming.poll(); // sent before it left
                    if (null == last)
                    {
                        peerGone = true;
                    }
                    else
                    {
                        take(last);
                    }
                }
                else if (leftNs <= 0)
                {
                    return false;
                }
            }
        }
        catch (final IgniteInterruptedException ex)
        {
            throw Interrupts.checked(ex);
        }
        return null != pending;
    }

    private void take(final byte[] item)
    {
        if (0 == item.length)
        {
            peerGone = true; // the peer closed its end: everything it sent came before
        }
        else
        {
            pending = item;
        }
    }

    /** Cold path: only after an empty slice. */
    private boolean peerHolderLeft()
    {
        final byte[] holder = holders.get(holderKey(!right));
        return null != holder &&
            null == ignite.cluster().node(UUID.fromString(new String(holder, StandardCharsets.US_ASCII)));
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (attached && null != outgoing)
        {
            try
            {
                outgoing.put(CLOSED_MARKER);
            }
            catch (final IgniteException | IllegalStateException ex)
            {
                // this node is stopping: its departure from the topology is the peer's end-of-file instead
                LOG.debug("could not mark {} closed; the peer sees end-of-file when this node leaves", this, ex);
            }
        }
    }

    /** Records this process's node as the end's holder, once: from then on its departure is the peer's EOF. */
    void attach()
    {
        if (!attached)
        {
            holders.put(holderKey(right), ignite.cluster().localNode().id().toString()
                .getBytes(StandardCharsets.US_ASCII));
            attached = true;
        }
    }

    private void checkOpen() throws EOFException
    {
        if (closed)
        {
            throw new EOFException("this end is closed: " + this);
        }
    }

    private String holderKey(final boolean rightEnd)
    {
        return uri.app() + "/pipe/" + name + (rightEnd ? "/right" : "/left");
    }

    private Object writeReplace()
    {
        return new HandleRef(uri, HandleRef.Kind.PIPE_END, name, (right ? 1 : 0) | (duplex ? 2 : 0));
    }

    @Override
    public String toString()
    {
        return "ClusterConnection{" + name + (right ? ", right" : ", left") + (duplex ? "" : ", one-way") +
            (closed ? ", closed" : "") + ", " + uri.uri() + '}';
    }
}

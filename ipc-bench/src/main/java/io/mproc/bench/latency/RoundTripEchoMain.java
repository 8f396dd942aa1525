package io.mproc.bench.latency;

import io.mproc.bench.BenchSupport;
import io.mproc.memory.MappedRegion;
import io.mproc.memory.Namespace;
import io.mproc.queue.AllowList;
import io.mproc.queue.Connection;
import io.mproc.sync.Event;
import io.mproc.sync.WaitStrategies;
import io.mproc.value.LongValue;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.nio.MappedByteBuffer;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.mproc.bench.latency.RoundTripInterleavedBenchmark.SENTINEL;
import static io.mproc.bench.latency.RoundTripInterleavedBenchmark.TRANSPORTS;

/**
 * The echo JVM of one transport of {@link RoundTripInterleavedBenchmark}: parks while it is not that transport's
 * turn; in its turn, echoes every message back, with the same loop as the non-interleaved benchmarks, until the
 * sentinel that ends the turn. A sentinel found at the start of a turn (left from a turn this JVM slept through) is
 * skipped, never echoed. Runs until killed.
 */
public final class RoundTripEchoMain
{
    private RoundTripEchoMain()
    {
    }

    /**
     * @param args the namespace directory and the transport's index.
     * @throws Exception when the echo fails.
     */
    public static void main(final String[] args) throws Exception
    {
        BenchSupport.exitWhenParentDies();
        final Namespace namespace = Namespace.open(Paths.get(args[0]));
        final int transport = Integer.parseInt(args[1]);
        final LongValue awake = LongValue.open(namespace, "awake");
        final Turn turn = turn(namespace, transport, () -> awake.getAcquire() == transport);
        System.out.println("READY");
        System.out.flush();
        while (true)
        {
            if (awake.getAcquire() != transport)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                continue;
            }
            turn.echoUntilSentinel();
        }
    }

    private static Turn turn(final Namespace namespace, final int transport, final MyTurn myTurn)
    {
        switch (transport)
        {
            case RoundTripInterleavedBenchmark.RAW_RINGS:
                return rings(namespace, myTurn);
            case RoundTripInterleavedBenchmark.PIPE_BUSY_SPIN:
            case RoundTripInterleavedBenchmark.PIPE_SPIN_THEN_BLOCK:
            {
                final Connection connection = Connection.open(namespace, TRANSPORTS[transport], Connection.End.B,
                    AllowList.NONE, WaitStrategies.byName(RoundTripInterleavedBenchmark.strategy(transport)));
                return () ->
                {
                    while (true)
                    {
                        final Object value = connection.recv();
                        if (Long.valueOf(SENTINEL).equals(value))
                        {
                            if (!myTurn.now())
                            {
                                return;
                            }
                            continue;
                        }
                        connection.send(value);
                    }
                };
            }
            case RoundTripInterleavedBenchmark.RAW_LONGS:
                return rawLongs(namespace, myTurn);
            default:
            {
                final String name = TRANSPORTS[transport];
                final String strategy = RoundTripInterleavedBenchmark.strategy(transport);
                final Event ping = Event.open(namespace, "ping-" + name, WaitStrategies.byName(strategy));
                final Event pong = Event.open(namespace, "pong-" + name, WaitStrategies.byName(strategy));
                return () ->
                {
                    while (true)
                    {
                        ping.await();
                        ping.clear();
                        if (!myTurn.now())
                        {
                            return;
                        }
                        pong.set();
                    }
                };
            }
        }
    }

    private static Turn rings(final Namespace namespace, final MyTurn myTurn)
    {
        final int length = RoundTripInterleavedBenchmark.ringLength();
        final MappedByteBuffer mapping = IoUtil.mapExistingFile(namespace.directory().resolve("rings").toFile(),
            "rings");
        final OneToOneRingBuffer ping = new OneToOneRingBuffer(new UnsafeBuffer(mapping, 0, length));
        final OneToOneRingBuffer pong = new OneToOneRingBuffer(new UnsafeBuffer(mapping, length, length));
        final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
        final MessageHandler copy = (type, buffer, index, size) -> message.putLong(0, buffer.getLong(index));
        return () ->
        {
            while (true)
            {
                if (0 == ping.read(copy, 1))
                {
                    Thread.onSpinWait();
                    continue;
                }
                if (SENTINEL == message.getLong(0))
                {
                    if (!myTurn.now())
                    {
                        return;
                    }
                    continue;
                }
                while (!pong.write(1, message, 0, 8))
                {
                    Thread.onSpinWait();
                }
            }
        };
    }

    private static Turn rawLongs(final Namespace namespace, final MyTurn myTurn)
    {
        final MappedRegion region = namespace.open("raw", RoundTripInterleavedBenchmark.RAW_SPEC);
        final AtomicBuffer buffer = region.buffer();
        final int pingIndex = region.bodyOffset() + RoundTripInterleavedBenchmark.RAW_PING_OFFSET;
        final int pongIndex = region.bodyOffset() + RoundTripInterleavedBenchmark.RAW_PONG_OFFSET;
        // Kept across turns: the benchmark's numbers only grow, so any other value in ping is new.
        final long[] last = {0};
        return () ->
        {
            while (true)
            {
                long value;
                while ((value = buffer.getLongVolatile(pingIndex)) == last[0])
                {
                    Thread.onSpinWait();
                }
                last[0] = value;
                if (SENTINEL == value)
                {
                    if (!myTurn.now())
                    {
                        return;
                    }
                    continue;
                }
                buffer.putLongRelease(pongIndex, value);
            }
        };
    }

    /**
     * One turn of echoing.
     */
    interface Turn
    {
        void echoUntilSentinel() throws Exception;
    }

    /**
     * Whether it is still this JVM's turn.
     */
    interface MyTurn
    {
        boolean now();
    }
}

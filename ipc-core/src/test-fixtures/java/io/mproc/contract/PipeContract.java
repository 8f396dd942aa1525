package io.mproc.contract;

import io.mproc.Context;
import io.mproc.process.ChildProcess;
import io.mproc.queue.SharedConnection;
import io.mproc.queue.SharedPipe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Contract of {@link Context#pipe}: Python's {@code Pipe()}. This process keeps the left end and hands the right one
 * to a child process ({@link Context#process}), where it arrives by serialisation as a live end held by the child.
 * End-of-file comes after the peer closed its end, and when the peer's process died.
 */
public abstract class PipeContract extends ContractTestBase
{
    private final List<ChildProcess> processes = new ArrayList<>();

    @AfterEach
    final void killProcesses() throws InterruptedException
    {
        for (final ChildProcess process : processes)
        {
            if (process.isAlive())
            {
                process.kill();
                process.join();
            }
            process.close();
        }
    }

    @Test
    void valuesAndBytesGoBothWaysThenRecvGivesEofAfterThePeerClosed() throws Exception
    {
        try (SharedPipe pipe = context().pipe(name("pipe")))
        {
            assertTrue(pipe.isDuplex());
            final SharedConnection mine = pipe.left();
            final ChildProcess child = start(context().process(PipeContract::doubleReverseThenClose, pipe.right()));
            mine.send(21L);
            mine.sendBytes(new byte[] {1, 2, 3});
            assertEquals(42L, mine.recv());
            assertArrayEquals(new byte[] {3, 2, 1}, mine.recvBytes());
            assertNull(mine.recv(), "null travels, as Python's None");
            assertTimeoutPreemptively(GUARD, () -> assertThrows(EOFException.class, mine::recv, "peer closed"));
            assertThrows(EOFException.class, mine::recv, "and stays at end-of-file");
            assertFalse(mine.poll(), "nothing to receive once the peer closed");
            assertTrue(child.join(GUARD), child.toString());
            assertEquals(OptionalInt.of(0), child.exitCode(), child.toString());
        }
    }

    @Test
    void recvGivesEofWhenThePeerProcessDies() throws Exception
    {
        try (SharedPipe pipe = context().pipe(name("dying")))
        {
            final SharedConnection mine = pipe.left();
            final ChildProcess child = start(context().process(PipeContract::sendThenHang, pipe.right()));
            assertEquals("ready", mine.recv());
            child.kill(); // SIGKILL: the end is never closed
            assertTrue(child.join(GUARD), child.toString());
            assertTimeoutPreemptively(GUARD, () -> assertThrows(EOFException.class, mine::recv, "peer died"));
        }
    }

    @Test
    void oneWayPipeCarriesValuesFromRightToLeftAndItsNameIsTaken() throws Exception
    {
        final String name = name("one-way");
        try (SharedPipe pipe = context().pipe(name, false))
        {
            assertFalse(pipe.isDuplex());
            final SharedConnection reader = pipe.left();
            assertFalse(reader.poll(), "nothing sent yet");
            final ChildProcess child = start(context().process(PipeContract::sendHelloThenClose, pipe.right()));
            assertTrue(reader.poll(GUARD.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals("hello", reader.recv());
            assertTimeoutPreemptively(GUARD, () -> assertThrows(EOFException.class, reader::recv));
            assertTrue(child.join(GUARD), child.toString());
            assertEquals(OptionalInt.of(0), child.exitCode(), child.toString());
            final RuntimeException taken = assertThrows(RuntimeException.class, () -> context().pipe(name));
            assertTrue(taken.getMessage().contains(name), taken.getMessage());
        }
    }

    private ChildProcess start(final ChildProcess process)
    {
        processes.add(process);
        process.start();
        return process;
    }

    static void doubleReverseThenClose(final SharedConnection end) throws Exception
    {
        final long value = (Long)end.recv();
        final byte[] bytes = end.recvBytes();
        end.send(value * 2);
        end.sendBytes(new byte[] {bytes[2], bytes[1], bytes[0]});
        end.send(null);
        end.close();
    }

    static void sendThenHang(final SharedConnection end) throws Exception
    {
        end.send("ready");
        Thread.sleep(Long.MAX_VALUE);
    }

    static void sendHelloThenClose(final SharedConnection end) throws Exception
    {
        end.send("hello");
        end.close();
    }
}

package io.mproc.pool;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages larger than a ring's largest (1/8 of its 4 MiB, so 512 KiB) travel in pieces, across two real worker JVMs:
 * a task's exception with a 1 MiB message, results and arguments of 4 MiB, a function that captures 4 MiB; and the
 * pool works on afterwards.
 */
class ProcessPoolLargeMessagesTest
{
    private static final int MIB = 1024 * 1024;
    private static ProcessPool pool;

    @BeforeAll
    static void startPool()
    {
        pool = ProcessPool.create(2);
    }

    @AfterAll
    static void stopPool()
    {
        pool.close();
        assertTrue(pool.isTerminated());
    }

    static byte[] pattern(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + seed);
        }
        return bytes;
    }

    @Test
    @Timeout(120)
    void shouldCarryATaskExceptionWithAOneMebibyteMessageWhole() throws Exception
    {
        final RemoteTaskException ex = assertThrows(RemoteTaskException.class, () -> pool.apply((Integer n) ->
        {
            throw new IllegalStateException("m".repeat(n));
        }, MIB));
        assertEquals("java.lang.IllegalStateException", ex.remoteClassName());
        assertEquals(MIB, ex.remoteMessage().length(), "the whole message arrived");
        assertEquals("m".repeat(MIB), ex.remoteMessage());
        assertTrue(ex.getStackTrace().length > 0);
        assertTrue(ex.getStackTrace()[0].getClassName().startsWith(ProcessPoolLargeMessagesTest.class.getName()),
            ex.getStackTrace()[0].toString());
        assertEquals(3, pool.apply((Integer x) -> x + 1, 2), "the pool works on");
    }

    @Test
    @Timeout(120)
    void shouldCarryFourMebibyteResultsFromBothWorkersAtOnce() throws Exception
    {
        final byte[] single = pool.apply((Integer n) -> pattern(n, 7), 4 * MIB);
        assertArrayEquals(pattern(4 * MIB, 7), single);

        final String text = pool.apply((Integer n) -> "s".repeat(n), 4 * MIB);
        assertEquals(4 * MIB, text.length());

        // chunk size 1 over two workers: their pieces interleave on the one result ring
        final List<byte[]> results = pool.map((Integer seed) -> pattern(3 * MIB, seed), List.of(0, 1, 2, 3, 4, 5), 1);
        for (int seed = 0; seed < 6; seed++)
        {
            assertArrayEquals(pattern(3 * MIB, seed), results.get(seed), "result " + seed);
        }
        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1)), "the pool works on");
    }

    @Test
    @Timeout(120)
    void shouldCarryFourMebibyteArgumentsAndCaptures() throws Exception
    {
        final byte[] argument = pattern(4 * MIB, 3);
        assertEquals(Arrays.hashCode(argument), pool.apply((byte[] b) -> Arrays.hashCode(b), argument));

        final List<Integer> hashes = pool.map((byte[] b) -> Arrays.hashCode(b),
            List.of(pattern(4 * MIB, 1), pattern(5 * MIB, 2), pattern(600_000, 3)), 1);
        assertEquals(List.of(Arrays.hashCode(pattern(4 * MIB, 1)), Arrays.hashCode(pattern(5 * MIB, 2)),
            Arrays.hashCode(pattern(600_000, 3))), hashes);

        final byte[] captured = pattern(4 * MIB, 5);
        assertEquals(List.of(4 * MIB, 4 * MIB + 1), pool.map((Integer x) -> captured.length + x, List.of(0, 1)));
        assertEquals(List.of(1, 2), pool.map((Integer x) -> x + 1, List.of(0, 1)), "the pool works on");
    }

    @Test
    void shouldCutOnlyAMessageOverTheLimitAndSaySo()
    {
        final String longest = "a".repeat(PoolProtocol.MAX_MESSAGE_CHARS);
        assertEquals(longest, PoolProtocol.rebuild(PoolProtocol.describe(new IllegalStateException(longest)))
            .remoteMessage(), "carried whole up to the limit");

        final RemoteTaskException cut = PoolProtocol.rebuild(PoolProtocol.describe(
            new IllegalStateException(longest + "bcdef")));
        assertEquals(longest + "... [truncated: 5 more characters]", cut.remoteMessage());
        assertEquals("java.lang.IllegalStateException", cut.remoteClassName());
    }
}

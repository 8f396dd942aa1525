package io.mproc.sync;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repair of a wait word's sleepers count (see {@link WaitWord}): it forgets every announcement, live sleepers
 * announce again and are still woken, withdrawals of forgotten announcements change nothing, and a releaser repairs
 * only after its wakes have woken nobody for {@link WaitWord#REPAIR_AFTER_NS}.
 */
class WaitWordRepairTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));

    @Test
    @Timeout(30)
    void shouldKeepLiveSleeperAcrossRepair() throws Exception
    {
        final WaitWord word = word(false);
        final AtomicBoolean released = new AtomicBoolean();
        final CompletableFuture<Boolean> sleeper = CompletableFuture.supplyAsync(() -> awaitQuietly(word, released));
        awaitSleepersField(1); // announced in epoch 0

        word.repairSleepers();
        awaitSleepersField(WaitWord.REPAIR_EPOCH_UNIT | 1); // woken by the repair, announced again in epoch 1
        released.set(true);
        word.wake(Integer.MAX_VALUE);
        assertTrue(sleeper.get(20, TimeUnit.SECONDS), "the live sleeper is still woken after the repair");
        assertEquals(WaitWord.REPAIR_EPOCH_UNIT, buffer.getIntVolatile(WaitWord.SLEEPERS_OFFSET), "withdrawn");
    }

    @Test
    void shouldIgnoreWithdrawalOfForgottenAnnouncement()
    {
        final WaitWord word = word(false);
        final int dead = word.announceSleeper();
        final int live = word.announceSleeper();
        assertEquals(2, word.sleepersVolatile());
        word.repairSleepers();
        assertEquals(0, word.sleepersVolatile());
        assertTrue(!word.isAnnounced(live), "a live sleeper learns that it must announce again");

        final int again = word.announceSleeper();
        word.withdrawSleeper(live); // from the past epoch: no effect
        assertEquals(1, word.sleepersVolatile());
        word.withdrawSleeper(again);
        word.withdrawSleeper(dead);
        assertEquals(0, word.sleepersVolatile(), "never below zero");
    }

    @Test
    @Timeout(30)
    void shouldRepairOnlyAfterWakesWokeNobodyForAWhile() throws Exception
    {
        final WaitWord word = word(false);
        word.announceSleeper(); // a sleeper that died announced: never withdrawn
        final long startNs = System.nanoTime();
        word.wake(1);
        assertEquals(0, word.repairs(), "one wake that woke nobody is no proof");
        while (0 == word.repairs())
        {
            word.wake(1);
            TimeUnit.MILLISECONDS.sleep(1);
        }
        assertTrue(System.nanoTime() - startNs >= WaitWord.REPAIR_AFTER_NS, "repaired only after a while");
        assertEquals(0, word.sleepersVolatile());
        final long futexWakes = word.futexWakes();
        word.wake(1);
        assertEquals(futexWakes, word.futexWakes(), "no system call once repaired");
    }

    @Test
    @Timeout(30)
    void shouldShortenFirstSleepAgainAfterRepairWhereReleasersStorePlainly() throws Exception
    {
        final WaitWord word = word(true);
        final AtomicBoolean released = new AtomicBoolean();
        final CompletableFuture<Boolean> sleeper = CompletableFuture.supplyAsync(() -> awaitQuietly(word, released));
        awaitSleepersField(1);
        word.repairSleepers();
        awaitSleepersField(WaitWord.REPAIR_EPOCH_UNIT | 1);
        released.set(true); // no wake at all: the short first sleep after the new announcement must find it
        assertTrue(sleeper.get(20, TimeUnit.SECONDS));
    }

    private WaitWord word(final boolean releasersStorePlainly)
    {
        WaitWord.initialise(buffer, 0, BlockingWaitStrategy.INSTANCE);
        return new WaitWord(buffer, 0, releasersStorePlainly);
    }

    private void awaitSleepersField(final int value) throws InterruptedException
    {
        while (buffer.getIntVolatile(WaitWord.SLEEPERS_OFFSET) != value)
        {
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    private static boolean awaitQuietly(final WaitWord word, final AtomicBoolean released)
    {
        try
        {
            return BlockingWaitStrategy.INSTANCE.await(word, released::get, TimeUnit.SECONDS.toNanos(20), true);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

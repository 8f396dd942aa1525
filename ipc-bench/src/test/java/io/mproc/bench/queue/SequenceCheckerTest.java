package io.mproc.bench.queue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceCheckerTest
{
    @Test
    void acceptsTheNumbersInOrder()
    {
        final SequenceChecker checker = new SequenceChecker("ring");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        for (long seq = 0; seq < 5; seq++)
        {
            buffer.putLong(8, seq);
            checker.onMessage(1, buffer, 8, 8);
        }
        assertEquals(5, checker.checked());
    }

    @Test
    void aLostMessageFailsNamingTheTransportAndTheNumbers()
    {
        final SequenceChecker checker = new SequenceChecker("agrona-one-to-one");
        checker.check(0);
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> checker.check(2));
        assertTrue(ex.getMessage().contains("agrona-one-to-one"), ex.getMessage());
        assertTrue(ex.getMessage().contains("read message 2 where message 1 was due"), ex.getMessage());
    }

    @Test
    void aDuplicateFails()
    {
        final SequenceChecker checker = new SequenceChecker("q");
        checker.check(0);
        assertThrows(IllegalStateException.class, () -> checker.check(0));
    }
}

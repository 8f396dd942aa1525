package io.mproc.bench.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountPrimesTest
{
    @Test
    void countsThePrimesBelowTheLimit()
    {
        assertEquals(0, CountPrimes.countPrimes(2));
        assertEquals(4, CountPrimes.countPrimes(10));
        assertEquals(1229, CountPrimes.countPrimes(10_000));
    }

    @Test
    void aLimitSetAsSystemPropertyIsUsedAsIs()
    {
        System.setProperty(CountPrimes.LIMIT_PROPERTY_PREFIX + "777", "4321");
        try
        {
            assertEquals(4321, CountPrimes.limitFor(777));
        }
        finally
        {
            System.clearProperty(CountPrimes.LIMIT_PROPERTY_PREFIX + "777");
        }
    }

    @Test
    void aBadLimitPropertyIsNamed()
    {
        System.setProperty(CountPrimes.LIMIT_PROPERTY_PREFIX + "778", "many");
        try
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> CountPrimes.limitFor(778));
            assertTrue(ex.getMessage().contains("mproc.bench.primeLimit.778") && ex.getMessage().contains("many"),
                ex.getMessage());
        }
        finally
        {
            System.clearProperty(CountPrimes.LIMIT_PROPERTY_PREFIX + "778");
        }
    }

    @Test
    void aTaskDurationOutOfRangeIsNamed()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> CountPrimes.limitFor(5));
        assertTrue(ex.getMessage().contains("taskMicros=5"), ex.getMessage());
    }

    @Test
    void longerTasksGetLargerLimits()
    {
        // No timing asserted: only that the search is monotone in the target, as the work is in the limit.
        assertTrue(CountPrimes.calibrate(1000) > CountPrimes.calibrate(100));
    }
}

package io.mproc.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The switch and its inheritable setting; in-process.
 */
class ProcessLoggingTest
{
    @AfterEach
    void tearDown()
    {
        ProcessLogging.disable();
    }

    @Test
    void shouldBeOffByDefault()
    {
        assertFalse(ProcessLogging.isEnabled(Level.ERROR));
        assertEquals("off", ProcessLogging.setting());
    }

    @Test
    void shouldLogAtChosenLevelAndAbove()
    {
        ProcessLogging.enable(Level.INFO);

        assertTrue(ProcessLogging.isEnabled(Level.INFO));
        assertTrue(ProcessLogging.isEnabled(Level.WARN));
        assertFalse(ProcessLogging.isEnabled(Level.DEBUG));
        assertEquals("INFO", ProcessLogging.setting());
    }

    @Test
    void shouldRoundTripSettingsAsChildrenInheritThem()
    {
        ProcessLogging.configure("stderr");
        assertEquals("stderr:INFO", ProcessLogging.setting());
        ProcessLogging.configure("stderr:debug");
        assertEquals("stderr:DEBUG", ProcessLogging.setting());
        ProcessLogging.configure(" DEBUG ");
        assertEquals("DEBUG", ProcessLogging.setting());
        ProcessLogging.configure("off");
        assertEquals("off", ProcessLogging.setting());
    }

    @Test
    void shouldRejectUnknownSetting()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ProcessLogging.configure("loud"));
        assertEquals("unknown mproc.log setting, expected INFO, DEBUG, stderr[:LEVEL] or off: setting=loud",
            ex.getMessage());
    }
}

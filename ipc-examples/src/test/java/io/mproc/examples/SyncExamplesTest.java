package io.mproc.examples;

import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sync examples, each run as a program in its own JVM (whose children are JVMs too), checked by their output.
 */
class SyncExamplesTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    @Timeout(90)
    void shouldPassEventsFromParentToFirstToSecond()
    {
        try (ChildJvm example = ChildJvm.start(EventMain.class))
        {
            example.assertSuccess(TIMEOUT);
            final List<String> lines = example.stdout();
            final int setE1 = lines.indexOf("[main] setting e1");
            final int firstSees = lines.indexOf("[first] Event status : (True)");
            final int secondSees = lines.indexOf("[second] Event status : (True)");
            assertTrue(setE1 >= 0 && firstSees > setE1 && secondSees > firstSees, lines.toString());
            assertTrue(lines.contains("[first] Event status : (False)"), lines.toString());
            assertEquals("Exit", lines.get(lines.size() - 1));
        }
    }

    @Test
    @Timeout(90)
    void shouldShareOutAllTheWorkExactly()
    {
        try (ChildJvm example = ChildJvm.start(CoworkMain.class))
        {
            example.assertSuccess(TIMEOUT);
            final Pattern line = Pattern.compile("\\[(w1|w2)] Total : (\\d+), work : (\\d+)");
            long sum = 0;
            long lastTotal = CoworkMain.TOTAL;
            for (final String text : example.stdout())
            {
                final Matcher matcher = line.matcher(text);
                if (matcher.matches())
                {
                    final long total = Long.parseLong(matcher.group(2));
                    final long work = Long.parseLong(matcher.group(3));
                    assertEquals(lastTotal - work, total, "each total follows the one before: " + example.stdout());
                    lastTotal = total;
                    sum += work;
                }
            }
            assertEquals(CoworkMain.TOTAL, sum, example.stdout().toString());
            assertEquals("Total : 0", example.stdout().get(example.stdout().size() - 1));
        }
    }
}

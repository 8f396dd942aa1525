package io.mproc.examples;

import io.mproc.test.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.mproc.examples.OutputShape.assertBefore;
import static io.mproc.examples.OutputShape.linesMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sync examples, each run as a program in its own JVM (whose children are JVMs too), checked by their output.
 */
class SyncExamplesTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * The original, process_event.py, run with Python 3.11 (how many times each child sees its event still clear
     * depends on the timing):
     * <pre>
     * Wait ...
     * [first] Event status : (False)
     * [second] Event status : (False)
     * [first] Event status : (False)
     * [second] Event status : (False)
     * ...
     * Set e1
     * [first] Event status : (True)
     * [first] e1 is set.
     * [second] Event status : (False)
     * [second] Event status : (False)
     * [second] Event status : (False)
     * [first] Set e2
     * [second] Event status : (True)
     * [second] e2 is set.
     * Exit
     * </pre>
     */
    @Test
    @Timeout(90)
    void shouldPassEventsFromParentToFirstToSecondInTheOriginalsWords()
    {
        try (ChildJvm example = ChildJvm.start(EventMain.class))
        {
            example.assertSuccess(TIMEOUT);
            final List<String> lines = example.stdout();
            final String context = "\n" + String.join("\n", lines);
            final List<String> first = linesMatching(lines, "\\[first] .*");
            final List<String> second = linesMatching(lines, "\\[second] .*");
            final List<String> main = new ArrayList<>(lines);
            main.removeAll(first);
            main.removeAll(second);

            assertEquals(List.of("Wait ...", "Set e1", "Exit"), main, context);
            assertMatches("(\\[first] Event status : \\(False\\)\n)*" +
                "\\[first] Event status : \\(True\\)\n\\[first] e1 is set\\.\n\\[first] Set e2", first, context);
            assertMatches("(\\[second] Event status : \\(False\\)\n)*" +
                "\\[second] Event status : \\(True\\)\n\\[second] e2 is set\\.", second, context);
            assertBefore(lines, "Set e1", "\\[first] Event status : \\(True\\)", context);
            assertBefore(lines, "\\[first] Set e2", "\\[second] Event status : \\(True\\)", context);
            assertEquals("Exit", lines.get(lines.size() - 1), context);
        }
    }

    private static void assertMatches(final String regex, final List<String> lines, final String context)
    {
        final String text = String.join("\n", lines);
        assertTrue(Pattern.compile(regex).matcher(text).matches(), "'" + text + "' does not match '" + regex + "'" + context);
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

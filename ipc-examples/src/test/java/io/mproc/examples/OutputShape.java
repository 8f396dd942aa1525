package io.mproc.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares an example's output with the shape of its Python original, line by line, with regular expressions where
 * the original has pids or addresses. Where processes print at the same time, a test picks out each process's lines
 * ({@link #linesMatching}) and checks their order within that process, and only the orders between processes that
 * the example guarantees ({@link #assertBefore}).
 */
final class OutputShape
{
    private OutputShape()
    {
    }

    /**
     * @param lines of output.
     * @param regex a whole line must match.
     * @return the lines that match, in order.
     */
    static List<String> linesMatching(final List<String> lines, final String regex)
    {
        final Pattern pattern = Pattern.compile(regex);
        final List<String> matching = new ArrayList<>();
        for (final String line : lines)
        {
            if (pattern.matcher(line).matches())
            {
                matching.add(line);
            }
        }
        return matching;
    }

    /**
     * Asserts that there are as many lines as regexes and that each line matches its regex.
     *
     * @param lines   of output.
     * @param regexes one per expected line, in order.
     * @param context shown on failure: the whole run.
     */
    static void assertLines(final List<String> lines, final List<String> regexes, final Object context)
    {
        for (int i = 0; i < Math.min(lines.size(), regexes.size()); i++)
        {
            final String line = lines.get(i);
            assertTrue(Pattern.compile(regexes.get(i)).matcher(line).matches(),
                "line " + (i + 1) + " '" + line + "' does not match '" + regexes.get(i) + "'" + context);
        }
        assertEquals(regexes.size(), lines.size(), "number of lines: " + lines + context);
    }

    /**
     * @param lines of output.
     * @param regex a whole line must match.
     * @param context shown on failure.
     * @return the index of the first line that matches; fails when none does.
     */
    static int indexOf(final List<String> lines, final String regex, final Object context)
    {
        final Pattern pattern = Pattern.compile(regex);
        for (int i = 0; i < lines.size(); i++)
        {
            if (pattern.matcher(lines.get(i)).matches())
            {
                return i;
            }
        }
        return fail("no line matches '" + regex + "'" + context);
    }

    /**
     * Asserts that the first line matching {@code earlier} comes before the first line matching {@code later}.
     */
    static void assertBefore(final List<String> lines, final String earlier, final String later, final Object context)
    {
        final int first = indexOf(lines, earlier, context);
        final int second = indexOf(lines, later, context);
        assertTrue(first < second, "'" + earlier + "' should come before '" + later + "'" + context);
    }

    /**
     * @param lines  the output of {@code all}.
     * @param name   of an example.
     * @return the lines between its header and the next header, without the blank line {@code all} adds after each.
     */
    static List<String> section(final List<String> lines, final String name)
    {
        final String header = "=== " + name + ": ";
        int start = -1;
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).startsWith(header))
            {
                start = i + 1;
                break;
            }
        }
        assertTrue(start > 0, "no section " + name + " in " + lines);
        int end = start;
        while (end < lines.size() && !lines.get(end).startsWith("=== "))
        {
            end++;
        }
        if (end > start && lines.get(end - 1).isEmpty())
        {
            end--;
        }
        return lines.subList(start, end);
    }
}

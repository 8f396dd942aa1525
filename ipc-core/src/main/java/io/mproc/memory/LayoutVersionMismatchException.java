package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when a file was written with another layout version than this code reads: it is left as it is, never re-initialised.
 */
public class LayoutVersionMismatchException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /**
     * @param path     of the shared object file.
     * @param expected the layout version the caller asked for.
     * @param actual   the layout version the file has.
     */
    public LayoutVersionMismatchException(final Path path, final Object expected, final Object actual)
    {
        super(path, "layout version mismatch: expected=" + expected + ", actual=" + actual);
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
    }

    /**
     * @return the layout version the caller asked for.
     */
    public String expected()
    {
        return expected;
    }

    /**
     * @return the layout version the file has.
     */
    public String actual()
    {
        return actual;
    }
}

package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when an existing array or buffer is opened with another length or capacity than it was created with.
 */
public class LengthMismatchException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /**
     * @param path     of the shared object file.
     * @param expected the length the caller asked for.
     * @param actual   the length the file has.
     */
    public LengthMismatchException(final Path path, final Object expected, final Object actual)
    {
        super(path, "length mismatch: expected=" + expected + ", actual=" + actual);
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
    }

    /**
     * @return the length the caller asked for.
     */
    public String expected()
    {
        return expected;
    }

    /**
     * @return the length the file has.
     */
    public String actual()
    {
        return actual;
    }
}

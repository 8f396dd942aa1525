package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when an existing name is opened as another kind of shared object (for example a value opened as an array).
 */
public class KindMismatchException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /**
     * @param path     of the shared object file.
     * @param expected the kind the caller asked for.
     * @param actual   the kind the file has.
     */
    public KindMismatchException(final Path path, final Object expected, final Object actual)
    {
        super(path, "kind mismatch: expected=" + expected + ", actual=" + actual);
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
    }

    /**
     * @return the kind the caller asked for.
     */
    public String expected()
    {
        return expected;
    }

    /**
     * @return the kind the file has.
     */
    public String actual()
    {
        return actual;
    }
}

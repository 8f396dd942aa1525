package io.mproc.memory;

import java.nio.file.Path;

/**
 * Thrown when an existing name is opened with another element type (for example a long value opened as an int value).
 */
public class ElementTypeMismatchException extends SharedObjectException
{
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /**
     * @param path     of the shared object file.
     * @param expected the element type the caller asked for.
     * @param actual   the element type the file has.
     */
    public ElementTypeMismatchException(final Path path, final Object expected, final Object actual)
    {
        super(path, "element type mismatch: expected=" + expected + ", actual=" + actual);
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
    }

    /**
     * @return the element type the caller asked for.
     */
    public String expected()
    {
        return expected;
    }

    /**
     * @return the element type the file has.
     */
    public String actual()
    {
        return actual;
    }
}

package io.mproc.memory;

/**
 * The type of the elements a shared object holds, recorded in its header so that a {@code long} value is never
 * read as an {@code int} one. The code is what the file stores: never reuse or renumber one.
 */
public enum ElementType
{
    /** The object has no typed elements (locks, queues, ...). */
    NONE(0, 0),
    /** 32-bit signed integers. */
    INT(1, Integer.BYTES),
    /** 64-bit signed integers. */
    LONG(2, Long.BYTES),
    /** 64-bit IEEE 754 floating point, stored as its raw long bits. */
    DOUBLE(3, Long.BYTES),
    /** Booleans, stored as a 32-bit int of 0 or 1 so that they can be updated atomically. */
    BOOLEAN(4, Integer.BYTES),
    /** Signed bytes. */
    BYTE(5, Byte.BYTES);

    private static final ElementType[] BY_CODE = new ElementType[6];

    static
    {
        for (final ElementType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final int size;

    ElementType(final int code, final int size)
    {
        this.code = code;
        this.size = size;
    }

    /**
     * @return the code stored in a region header.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return the size of one element in bytes.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param code stored in a region header.
     * @return the element type, or null for a code this version does not know.
     */
    public static ElementType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * Names a stored code for an error message, known or not.
     *
     * @param code stored in a region header.
     * @return the type's name, or "unknown(code)".
     */
    public static String describe(final int code)
    {
        final ElementType type = fromCode(code);
        return null == type ? "unknown(" + code + ")" : type.name();
    }
}

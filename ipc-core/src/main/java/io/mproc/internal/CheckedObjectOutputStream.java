package io.mproc.internal;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.function.Predicate;

/**
 * Java serialisation that refuses, at the sender, every object whose class (or serialisable superclass) the
 * receiver's filter would refuse, so that a value that cannot be received fails when it is sent. Checks run after
 * {@code writeReplace}, on what actually goes into the stream.
 */
public final class CheckedObjectOutputStream extends ObjectOutputStream
{
    private final Predicate<Class<?>> allowed;
    /** Set once writing failed: the stream then writes the exception itself, which must not be refused again. */
    private boolean failed;

    /**
     * @param out     to write to.
     * @param allowed true for a class the receiver accepts.
     * @throws IOException from the stream header.
     */
    public CheckedObjectOutputStream(final OutputStream out, final Predicate<Class<?>> allowed) throws IOException
    {
        super(out);
        this.allowed = allowed;
        enableReplaceObject(true);
    }

    /**
     * @throws InvalidClassException naming the refused class (in {@link InvalidClassException#classname}).
     */
    protected Object replaceObject(final Object value) throws IOException
    {
        Class<?> type = value.getClass();
        while (type.isArray())
        {
            type = type.getComponentType();
        }
        // After a failure the stream writes the exception itself (an ObjectStreamException) into the stream.
        failed |= value instanceof java.io.ObjectStreamException;
        if (type.isPrimitive() || failed)
        {
            return value;
        }
        for (Class<?> current = type; null != current && Serializable.class.isAssignableFrom(current);
            current = current.getSuperclass())
        {
            if (!allowed.test(current))
            {
                failed = true;
                throw new InvalidClassException(current.getName(), "class refused by the receiver's allow-list");
            }
        }
        return value;
    }
}

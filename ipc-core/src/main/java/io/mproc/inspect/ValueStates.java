package io.mproc.inspect;

import io.mproc.memory.ElementType;
import io.mproc.value.ValueDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes shared values and arrays ({@code io.mproc.value}) from a read-only buffer over the file.
 */
final class ValueStates
{
    /** Elements of an array a dump shows. */
    static final int ARRAY_ELEMENTS_SHOWN = 16;

    private ValueStates()
    {
    }

    static Map<String, Object> value(final UnsafeBuffer buffer, final int body, final ElementType type)
    {
        final Map<String, Object> state = new LinkedHashMap<>();
        state.put("value", element(buffer, body + ValueDescriptor.VALUE_OFFSET, type, true));
        state.put("lock", SyncStates.lock(buffer, body + ValueDescriptor.LOCK_OFFSET));
        return state;
    }

    static Map<String, Object> array(final UnsafeBuffer buffer, final int body, final ElementType type,
        final long length, final long bodyLength)
    {
        if (length < 0 || length * type.size() > bodyLength)
        {
            throw new CorruptBodyException("array length does not fit its body: length=" + length + ", elementSize=" +
                type.size() + ", bodyLength=" + bodyLength);
        }
        final Map<String, Object> state = new LinkedHashMap<>();
        final int shown = (int)Math.min(length, ARRAY_ELEMENTS_SHOWN);
        final List<Object> first = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++)
        {
            first.add(element(buffer, body + i * type.size(), type, false));
        }
        state.put("length", length);
        state.put("first", first);
        return state;
    }

    private static Object element(final UnsafeBuffer buffer, final int index, final ElementType type,
        final boolean volatileRead)
    {
        switch (type)
        {
            case INT:
                return volatileRead ? buffer.getIntVolatile(index) : buffer.getInt(index);
            case LONG:
                return volatileRead ? buffer.getLongVolatile(index) : buffer.getLong(index);
            case DOUBLE:
                return Double.longBitsToDouble(volatileRead ? buffer.getLongVolatile(index) : buffer.getLong(index));
            case BOOLEAN:
                return 0 != (volatileRead ? buffer.getIntVolatile(index) : buffer.getInt(index));
            case BYTE:
                return buffer.getByte(index);
            default:
                throw new CorruptBodyException("a value or array cannot have element type " + type);
        }
    }
}

package io.mproc.queue;

import org.agrona.DirectBuffer;

/**
 * The bounds-checked cursor a {@link ValueReader} reads a message with: varints, fixed-width numbers, byte strings
 * and UTF-8 strings. The message comes from another process, so every read is checked against the message's end
 * and every count against what is left of it, and a violation is a {@link MessageDecodingException}, never an
 * allocation sized by a forged count or a read past the message.
 */
abstract class ValueInput
{
    final DirectBuffer buffer;
    final int limit;
    int position;

    ValueInput(final DirectBuffer buffer, final int index, final int length)
    {
        this.buffer = buffer;
        this.position = index;
        this.limit = index + length;
    }

    final int getCount()
    {
        // Every element takes at least one byte: a larger count is corrupt, and must not size an allocation.
        return checkRemaining(getVarint(), 1);
    }

    final int getVarint()
    {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            final byte next = getByte();
            value |= (next & 0x7F) << shift;
            if (next >= 0)
            {
                return value;
            }
        }
        throw corrupt("varint longer than 5 bytes");
    }

    final int getZigZag()
    {
        final int zigZag = getVarint();
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    final int checkRemaining(final int count, final int bytesEach)
    {
        if (count < 0 || (long)count * bytesEach > limit - position)
        {
            throw corrupt("count larger than the rest of the message: count=" + count + ", remaining=" +
                (limit - position));
        }
        return count;
    }

    final void need(final int length)
    {
        if (length < 0 || position + length > limit)
        {
            throw corrupt("value runs past the end of the message: needed=" + length + ", remaining=" +
                (limit - position));
        }
    }

    final byte getByte()
    {
        need(Byte.BYTES);
        return buffer.getByte(position++);
    }

    final short getShort()
    {
        need(Short.BYTES);
        final short value = buffer.getShort(position);
        position += Short.BYTES;
        return value;
    }

    final int getInt()
    {
        need(Integer.BYTES);
        final int value = buffer.getInt(position);
        position += Integer.BYTES;
        return value;
    }

    final long getLong()
    {
        need(Long.BYTES);
        final long value = buffer.getLong(position);
        position += Long.BYTES;
        return value;
    }

    final byte[] getBytes()
    {
        final int length = getVarint();
        need(length);
        final byte[] bytes = new byte[length];
        buffer.getBytes(position, bytes);
        position += length;
        return bytes;
    }

    final String getString()
    {
        final int length = getVarint();
        need(length);
        final String value = buffer.getStringWithoutLengthUtf8(position, length);
        position += length;
        return value;
    }

    static MessageDecodingException corrupt(final String what)
    {
        return new MessageDecodingException("corrupt value message: " + what, null);
    }
}

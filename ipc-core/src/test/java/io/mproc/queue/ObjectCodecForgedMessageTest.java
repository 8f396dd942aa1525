package io.mproc.queue;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VALUE message comes from another process and may be corrupt or forged: the reader refuses it with a message,
 * allocates nothing it claims, and never initialises a class it is told is a record or an enum when it is not.
 */
class ObjectCodecForgedMessageTest
{
    private final ObjectCodec codec = new ObjectCodec(AllowList.NONE);
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);

    @Test
    void shouldRefuseACountLargerThanTheMessageWithoutAllocatingIt()
    {
        int length = 0;
        buffer.putByte(length++, ValueTags.ARRAY_LIST);
        for (final int b : new int[]{0xFF, 0xFF, 0xFF, 0xFF, 0x07}) // varint Integer.MAX_VALUE
        {
            buffer.putByte(length++, (byte)b);
        }
        final int messageLength = length;
        final MessageDecodingException ex = assertThrows(MessageDecodingException.class,
            () -> codec.decode(ObjectCodec.VALUE, buffer, 0, messageLength));
        assertTrue(ex.getMessage().contains("count larger than the rest of the message: count=2147483647"),
            ex.getMessage());
    }

    @Test
    void shouldNeverInitialiseAClassAMessageCallsARecordOrAnEnum()
    {
        for (final byte tag : new byte[]{ValueTags.RECORD, ValueTags.ENUM})
        {
            final int length = forge(tag, DefaultValuesMultiProcessTest.Tripwire.class.getName());
            final MessageDecodingException ex = assertThrows(MessageDecodingException.class,
                () -> codec.decode(ObjectCodec.VALUE, buffer, 0, length));
            assertTrue(ex.getMessage().contains("that is not one, not instantiated: class=" +
                DefaultValuesMultiProcessTest.Tripwire.class.getName()), ex.getMessage());
        }
        assertEquals(0, DefaultValuesMultiProcessTest.TripwireLog.STATIC_INITS.get(), "static initialiser ran");
    }

    @Test
    void shouldRefuseAMessageThatEndsInsideAValue()
    {
        buffer.putByte(0, ValueTags.LONG);
        final MessageDecodingException ex = assertThrows(MessageDecodingException.class,
            () -> codec.decode(ObjectCodec.VALUE, buffer, 0, 5));
        assertTrue(ex.getMessage().contains("value runs past the end of the message: needed=8, remaining=4"),
            ex.getMessage());
    }

    /** Writes tag, a new class (index 0, then its name), and for an enum a constant name. */
    private int forge(final byte tag, final String className)
    {
        final byte[] name = className.getBytes(StandardCharsets.UTF_8);
        int index = 0;
        buffer.putByte(index++, tag);
        buffer.putByte(index++, (byte)0);
        buffer.putByte(index++, (byte)name.length);
        buffer.putBytes(index, name);
        index += name.length;
        buffer.putByte(index++, (byte)1);
        buffer.putByte(index++, (byte)'X');
        return index;
    }
}

package io.mproc.queue;

import org.agrona.MutableDirectBuffer;

/**
 * UTF-8 straight into a buffer, without the temporary {@code byte[]} of {@link String#getBytes}. Unpaired surrogates
 * are written as '?', as {@code String.getBytes(UTF_8)} does.
 */
final class Utf8
{
    private Utf8()
    {
    }

    static int encodedLength(final String value)
    {
        final int chars = value.length();
        int length = chars;
        for (int i = 0; i < chars; i++)
        {
            final char c = value.charAt(i);
            if (c >= 0x80)
            {
                if (c < 0x800)
                {
                    length += 1;
                }
                else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1)))
                {
                    length += 2; // 4 bytes for the pair of 2 chars
                    i++;
                }
                else if (Character.isSurrogate(c))
                {
                    length += 0; // '?'
                }
                else
                {
                    length += 2;
                }
            }
        }
        return length;
    }

    static int encode(final String value, final MutableDirectBuffer buffer, final int index)
    {
        final int chars = value.length();
        int position = index;
        for (int i = 0; i < chars; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(position++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(position++, (byte)(0xC0 | (c >> 6)));
                buffer.putByte(position++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1)))
            {
                final int codePoint = Character.toCodePoint(c, value.charAt(++i));
                buffer.putByte(position++, (byte)(0xF0 | (codePoint >> 18)));
                buffer.putByte(position++, (byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | (codePoint & 0x3F)));
            }
            else if (Character.isSurrogate(c))
            {
                buffer.putByte(position++, (byte)'?');
            }
            else
            {
                buffer.putByte(position++, (byte)(0xE0 | (c >> 12)));
                buffer.putByte(position++, (byte)(0x80 | ((c >> 6) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return position - index;
    }
}

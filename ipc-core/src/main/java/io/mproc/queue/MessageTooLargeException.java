package io.mproc.queue;

/**
 * Thrown at the producer when a message is larger than the queue's ring can ever take: nothing was written.
 */
public class MessageTooLargeException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int maxLength;

    /**
     * @param length    of the encoded message.
     * @param maxLength the ring takes.
     */
    public MessageTooLargeException(final int length, final int maxLength)
    {
        super("message exceeds the queue's maximum: length=" + length + ", maxLength=" + maxLength);
        this.length = length;
        this.maxLength = maxLength;
    }

    /**
     * @return length of the encoded message.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return largest message the ring takes.
     */
    public int maxLength()
    {
        return maxLength;
    }
}

package io.mproc.journal;

import io.mproc.queue.MessageTooLargeException;

import java.nio.file.Path;

/**
 * A message whose encoded body is longer than the journal's limit ({@link JournalBuilder#maxMessageLength}); it
 * was not appended.
 */
public class JournalMessageTooLargeException extends MessageTooLargeException
{
    private static final long serialVersionUID = 1L;

    private final String detail;

    /**
     * @param directory the journal.
     * @param length    of the encoded message.
     * @param maxLength the limit.
     */
    public JournalMessageTooLargeException(final Path directory, final int length, final int maxLength)
    {
        super(length, maxLength);
        detail = "message too large for journal " + directory + ": length=" + length + " > maxMessageLength=" +
            maxLength + "; split the message or raise JournalBuilder.maxMessageLength (at most blockSize / 4)";
    }

    @Override
    public String getMessage()
    {
        return detail;
    }
}

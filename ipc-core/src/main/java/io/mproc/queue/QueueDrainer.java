package io.mproc.queue;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

import java.util.Collection;

/**
 * A consumer thread's handler for {@link SharedQueue#drainTo}: decodes each message into the collection; the first failure
 * to decode (or to add) is rethrown after the batch, that message consumed.
 */
final class QueueDrainer<E> implements MessageHandler
{
    private final Codec<E> codec;
    Collection<? super E> collection;
    RuntimeException failure;

    QueueDrainer(final Codec<E> codec)
    {
        this.codec = codec;
    }

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index,
        final int length)
    {
        try
        {
            collection.add(codec.decode(msgTypeId, buffer, index, length));
        }
        catch (final RuntimeException ex)
        {
            if (null == failure)
            {
                failure = ex; // the rest of the batch is still added: it was handed out already
            }
        }
    }
}

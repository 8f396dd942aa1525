package io.mproc.journal;

/**
 * Receives journal messages, one at a time, in journal order.
 *
 * @param <E> type of the values.
 */
@FunctionalInterface
public interface JournalHandler<E>
{
    /**
     * @param index       the message's journal index (Chronicle's: cycle and sequence), stable forever.
     * @param value       the decoded value; a view (zero-copy codecs) is valid only during the call.
     * @param redelivered true when a consumer group delivers this message again because the member that took it
     *                    died (or this handler threw) before acknowledging it; always false for subscribers.
     * @throws Exception to refuse the message: a group keeps it claimed and delivers it again on the next poll;
     *                   a subscriber does not advance past it.
     */
    void onMessage(long index, E value, boolean redelivered) throws Exception;
}

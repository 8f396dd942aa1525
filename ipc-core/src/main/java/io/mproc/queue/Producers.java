package io.mproc.queue;

/**
 * How many threads may produce into a queue or ring at once, chosen when it is created and recorded in its layout.
 */
public enum Producers
{
    /**
     * Any number of producer threads and processes: each claim is a compare-and-set on the tail (Agrona's
     * many-to-one claim).
     */
    MANY,

    /**
     * One producer thread at a time, across all processes: claims are plain stores (Agrona's one-to-one claim), the
     * fastest path for a single producer. The first thread to produce takes a lease on the producer role; any other
     * thread or process is refused with an {@link IllegalStateException} naming the holder, until the holder's
     * handle is closed, its thread ends (same handle) or its process dies, when the next producer takes the lease
     * over. A claim the dead holder left open is skipped by consumers like any dead producer's.
     */
    ONE
}

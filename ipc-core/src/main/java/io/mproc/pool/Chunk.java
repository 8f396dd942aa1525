package io.mproc.pool;

/**
 * Items [start, start + count) of a job, encoded as a CHUNK message ({@link PoolProtocol}), and what became of them:
 * which items are done, which worker holds it and how often a dying worker held it. Guarded by the pool lock.
 */
final class Chunk
{
    final PoolJob job;
    final int fnId;
    final int start;
    final int count;
    final byte[] payload;
    final boolean[] done;
    long id;
    int remaining;
    int attempts;
    WorkerHandle worker;
    /** How long its worker is expected to take over it, as estimated when it was sent (0: not known then). */
    long estimatedNs;

    Chunk(final PoolJob job, final int fnId, final int start, final int count, final byte[] payload)
    {
        this.job = job;
        this.fnId = fnId;
        this.start = start;
        this.count = count;
        this.payload = payload;
        this.done = new boolean[count];
        this.remaining = count;
    }

    void failRemaining(final RuntimeException error)
    {
        for (int i = 0; i < count; i++)
        {
            if (!done[i])
            {
                done[i] = true;
                job.fail(start + i, error);
            }
        }
        remaining = 0;
    }
}

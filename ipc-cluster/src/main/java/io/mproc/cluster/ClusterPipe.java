package io.mproc.cluster;

import io.mproc.queue.SharedPipe;

/** Python's {@code Pipe()} on a cluster: its two ends ({@link ClusterConnection}). */
final class ClusterPipe implements SharedPipe
{
    private final ClusterConnection left;
    private final ClusterConnection right;
    private final boolean duplex;

    ClusterPipe(final ClusterConnection left, final ClusterConnection right, final boolean duplex)
    {
        this.left = left;
        this.right = right;
        this.duplex = duplex;
    }

    @Override
    public boolean isDuplex()
    {
        return duplex;
    }

    @Override
    public ClusterConnection left()
    {
        return left;
    }

    @Override
    public ClusterConnection right()
    {
        return right;
    }

    @Override
    public void close()
    {
        left.close();
        right.close();
    }
}

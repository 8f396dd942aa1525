package io.mproc.pool;

/**
 * Told how a long {@link ProcessPool#map} progresses; called on the pool's collector thread, so keep it short.
 */
@FunctionalInterface
public interface ProgressListener
{
    /**
     * @param completed items done so far.
     * @param total     items in the job.
     */
    void onProgress(int completed, int total);
}

package io.mproc.sync;

/**
 * What a waiter waits for: tested again and again by a {@link WaitStrategy}, from the waiting thread only. A test
 * may have an effect when it succeeds (take a permit, take the lock); it must have none when it fails.
 */
@FunctionalInterface
public interface WaitCondition
{
    /**
     * @return true when the wait is over.
     */
    boolean isMet();
}

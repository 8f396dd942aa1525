/**
 * Synchronisation between processes, each primitive a named shared object: {@link io.mproc.sync.Lock},
 * {@link io.mproc.sync.RLock}, {@link io.mproc.sync.Semaphore}, {@link io.mproc.sync.BoundedSemaphore},
 * {@link io.mproc.sync.Condition}, {@link io.mproc.sync.Event} and {@link io.mproc.sync.Barrier}: the twins of
 * Python's {@code multiprocessing} primitives, robust where Python's are not.
 * <p>
 * <b>Layouts.</b> Each primitive's body is drawn in its {@code *Descriptor}; locks ({@link io.mproc.sync.LockDescriptor})
 * and wait words ({@link io.mproc.sync.WaitWord}) are building blocks embedded in other layouts.
 * <p>
 * <b>Waiting</b> is a {@link io.mproc.sync.WaitStrategy}, chosen per handle or per namespace
 * ({@link io.mproc.sync.WaitStrategies}): busy-spin, backoff, spin-then-block (the default) or blocking. Blocking
 * strategies sleep on a Linux futex in the shared mapping; releasers make a system call only when a waiter has
 * announced that it sleeps. Every wait has a timed form and an interruptible form; an interrupt ends a kernel sleep
 * at once.
 * <p>
 * <b>Robustness.</b> Owners are recorded as pid plus process start time. A lock whose owning process dies is taken
 * over by the next waiter, which is told ({@link io.mproc.sync.SharedLock#ownerDied()}); a semaphore returns the
 * permits a dead process held ({@link io.mproc.sync.PermitTracking}). Unlocking a lock one does not hold throws
 * {@link java.lang.IllegalMonitorStateException}.
 */
package io.mproc.sync;

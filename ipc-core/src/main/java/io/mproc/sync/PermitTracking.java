package io.mproc.sync;

/**
 * Whether a {@link Semaphore} records which process holds its permits, so that a dead holder's permits come back.
 */
public enum PermitTracking
{
    /**
     * Each process's acquired-but-not-released permits are counted in a holder slot (up to
     * {@link SemaphoreDescriptor#HOLDER_SLOTS} processes at once; beyond that, acquires are untracked and a warning
     * is logged). A release by a process first pays back its own count, and any excess is a plain release. When a
     * process dies, the permits it still counts are returned to the semaphore. Right for a semaphore that guards a
     * pool of resources (acquire, use, release in the same process). The default.
     */
    PER_PROCESS,

    /**
     * No holder records, as Python's semaphores: nothing comes back when a process dies. Right for a semaphore used
     * to signal (one process releases, another acquires), where the permits a consumer "holds" were consumed, not
     * borrowed, and returning them at its death would invent signals.
     */
    NONE
}

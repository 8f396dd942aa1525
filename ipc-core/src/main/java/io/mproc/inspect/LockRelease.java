package io.mproc.inspect;

import io.mproc.memory.Namespace;
import io.mproc.sync.Lock;
import io.mproc.sync.RLock;
import io.mproc.sync.SharedLock;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.mproc.inspect.InspectException.Reason.REFUSED;

/**
 * {@code unlock}: frees a lock whose owner died, with the library's own recovery rather than a write of the lock
 * word. The inspector opens the lock like any process and waits for it: after the first liveness check (about 10 ms)
 * {@code io.mproc.sync.LockCore} takes it over from the dead owner with a compare-and-set from that exact owner
 * word, counts the recovery and logs it; the inspector then releases it, waking a sleeper if any.
 */
final class LockRelease
{
    /** Longer than the library's first liveness check (10 ms), with room for a slow machine. */
    private static final long TAKE_OVER_TIMEOUT_MS = 5_000;

    private LockRelease()
    {
    }

    /**
     * @param report of the object, with state.
     * @param file   of the object.
     * @return what was done.
     */
    static ActionReport unlock(final ObjectReport report, final Path file)
    {
        if (Health.OK != report.health())
        {
            throw new InspectException(REFUSED, "refusing to unlock " + file + ": " + report.health() + " (" +
                report.problem() + ")");
        }
        if (!"LOCK".equals(report.kind()) && !"RLOCK".equals(report.kind()))
        {
            throw new InspectException(REFUSED, "unlock works on LOCK and RLOCK objects only: " + file + " is a " +
                report.kind());
        }
        final Object owner = report.state().get("owner");
        if (!(owner instanceof Map))
        {
            return new ActionReport("unlock", false, "lock is free, nothing to do: " + file, List.of(), List.of());
        }
        if (Boolean.TRUE.equals(((Map<?, ?>)owner).get("alive")))
        {
            throw new InspectException(REFUSED, "refusing to unlock " + file + ": its owner, pid " +
                ((Map<?, ?>)owner).get("pid") + ", is alive; only the owner may release it");
        }
        return takeOverAndRelease(file, "RLOCK".equals(report.kind()), ((Map<?, ?>)owner).get("pid"));
    }

    private static ActionReport takeOverAndRelease(final Path file, final boolean reentrant, final Object deadPid)
    {
        final String name = file.getFileName().toString();
        try (Namespace namespace = Namespace.open(file.getParent());
            SharedLock lock = openLock(namespace, name, reentrant))
        {
            if (!lock.tryLock(TAKE_OVER_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                throw new InspectException(REFUSED, "lock " + file + " was taken by a live process meanwhile: " +
                    "owner pid " + lock.ownerPid());
            }
            final boolean recovered = lock.ownerDied();
            lock.unlock();
            return new ActionReport("unlock", false, recovered ? "recovered " + file + " from dead owner pid " +
                deadPid + " and released it (recoveries=" + lock.recoveries() + ")" :
                "lock " + file + " was released meanwhile, nothing to do", List.of(), List.of());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new InspectException(REFUSED, "interrupted while taking over " + file);
        }
    }

    private static SharedLock openLock(final Namespace namespace, final String name, final boolean reentrant)
    {
        return reentrant ? RLock.open(namespace, name) : Lock.open(namespace, name);
    }
}

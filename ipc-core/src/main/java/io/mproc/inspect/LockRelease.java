package io.mproc.inspect;

import io.mproc.memory.Namespace;
import io.mproc.memory.SharedObject;
import io.mproc.sync.Condition;
import io.mproc.sync.Lock;
import io.mproc.sync.RLock;
import io.mproc.sync.SharedLock;
import io.mproc.value.BooleanValue;
import io.mproc.value.DoubleValue;
import io.mproc.value.IntValue;
import io.mproc.value.LongValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.mproc.inspect.InspectException.Reason.REFUSED;

/**
 * {@code unlock}: frees a lock whose owner died, with the library's own recovery rather than a write of the lock
 * word. The inspector opens the lock like any process (through {@link Namespace#open(Path)}, which also sweeps the
 * staging files of dead creators, as every opener does) and waits for it: after the first liveness check (about
 * 10 ms) {@code io.mproc.sync.LockCore} takes it over from the dead owner with a compare-and-set from that exact owner
 * word, counts the recovery and logs it; the inspector then releases it, waking a sleeper if any.
 * <p>
 * Works on the lock of a LOCK, an RLOCK, a VALUE ({@code Value.lock()}) and a CONDITION ({@code Condition.lock()}).
 */
final class LockRelease
{
    /** Longer than the library's first liveness check (10 ms), with room for a slow machine. */
    private static final long TAKE_OVER_TIMEOUT_MS = 5_000;
    private static final Set<String> KINDS_WITH_A_LOCK = Set.of("LOCK", "RLOCK", "VALUE", "CONDITION");

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
        if (!KINDS_WITH_A_LOCK.contains(report.kind()))
        {
            throw new InspectException(REFUSED, "unlock works on the lock of a LOCK, RLOCK, VALUE or CONDITION: " +
                file + " is a " + report.kind());
        }
        final Map<?, ?> lockState = report.state().containsKey("owner") ? report.state() :
            (Map<?, ?>)report.state().get("lock");
        if (!(lockState.get("owner") instanceof Map))
        {
            return new ActionReport("unlock", false, "lock is free, nothing to do: " + file, List.of(), List.of());
        }
        final Map<?, ?> owner = (Map<?, ?>)lockState.get("owner");
        if (Boolean.TRUE.equals(owner.get("alive")))
        {
            throw new InspectException(REFUSED, "refusing to unlock " + file + ": its owner, pid " + owner.get("pid") +
                ", is alive; only the owner may release it");
        }
        return takeOverAndRelease(file, report, owner.get("pid"));
    }

    private static ActionReport takeOverAndRelease(final Path file, final ObjectReport report, final Object deadPid)
    {
        try (Namespace namespace = Namespace.open(file.getParent());
            SharedObject object = open(namespace, file.getFileName().toString(), report))
        {
            final SharedLock lock = lockOf(object);
            if (!lock.tryLock(TAKE_OVER_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                throw new InspectException(REFUSED, "lock of " + file + " was taken by a live process meanwhile: " +
                    "owner pid " + lock.ownerPid());
            }
            final boolean recovered = lock.ownerDied();
            lock.unlock();
            return new ActionReport("unlock", false, recovered ? "recovered " + file + " from dead owner pid " +
                deadPid + " and released it (recoveries=" + lock.recoveries() + ")" :
                "lock of " + file + " was released meanwhile, nothing to do", List.of(), List.of());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new InspectException(REFUSED, "interrupted while taking over " + file);
        }
    }

    private static SharedObject open(final Namespace namespace, final String name, final ObjectReport report)
    {
        switch (report.kind())
        {
            case "LOCK": return Lock.open(namespace, name);
            case "RLOCK": return RLock.open(namespace, name);
            case "CONDITION": return Condition.open(namespace, name);
            default: return openValue(namespace, name, report.elementType());
        }
    }

    private static SharedObject openValue(final Namespace namespace, final String name, final String elementType)
    {
        switch (elementType)
        {
            case "INT": return IntValue.open(namespace, name);
            case "LONG": return LongValue.open(namespace, name);
            case "DOUBLE": return DoubleValue.open(namespace, name);
            case "BOOLEAN": return BooleanValue.open(namespace, name);
            default: throw new InspectException(REFUSED, "a value of element type " + elementType + " has no lock");
        }
    }

    private static SharedLock lockOf(final SharedObject object)
    {
        if (object instanceof SharedLock)
        {
            return (SharedLock)object;
        }
        return object instanceof Condition ? ((Condition)object).lock() : ((io.mproc.value.Value)object).lock();
    }
}

package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.process.ChildProcess;
import io.mproc.queue.MessageRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Starts a pool's worker JVMs, one per slot, and keeps the slots filled: a worker that dies is replaced at once (or
 * after a back-off when its initializer failed, or never when the initializer fails every time), and the chunks it
 * held are sent again, up to {@code maxRetries} more times each. Learns of a death from the EXITED message that the
 * JDK's process reaper writes to the result ring. Every method but {@link #endAll} runs under the pool lock.
 */
final class WorkerSupervisor
{
    private static final Logger LOGGER = LoggerFactory.getLogger(WorkerSupervisor.class);

    private final PoolState state;
    private final PoolOptions options;
    private final Namespace namespace;
    /** Held by an exit report while its handle of the result ring is open, and while the namespace closes. */
    private final Object reportLock = new Object();
    private volatile boolean namespaceClosing;
    private final String resultRingName;
    private final WorkerHandle[] workers;
    private final TaskDispatcher dispatcher;
    private final WorkerRestarts restarts;
    private final PoolStartup startup;
    private int nextWorkerNumber;

    WorkerSupervisor(
        final PoolState state,
        final PoolOptions options,
        final Namespace namespace,
        final String resultRingName,
        final WorkerHandle[] workers,
        final TaskDispatcher dispatcher,
        final PoolStartup startup)
    {
        this.state = state;
        this.options = options;
        this.namespace = namespace;
        this.resultRingName = resultRingName;
        this.workers = workers;
        this.dispatcher = dispatcher;
        this.restarts = new WorkerRestarts(workers.length);
        this.startup = startup;
    }

    /**
     * Fills every slot with a first worker.
     */
    void startAll()
    {
        for (int slot = 0; slot < workers.length; slot++)
        {
            workers[slot] = start(slot, 0);
        }
    }

    private WorkerHandle start(final int slot, final int generation)
    {
        final String name = "PoolWorker-" + ++nextWorkerNumber;
        final String ringName = "tasks-" + slot + "-" + generation;
        final MessageRing ring = MessageRing.create(namespace, ringName, ProcessPool.TASK_RING_CAPACITY);
        final ChildProcess process = new ChildProcess(new PoolWorker(namespace.directory().toString(), ringName,
            resultRingName, PoolProtocol.workerField(slot, generation), options.initializer, options.maxTasksPerChild,
            options.allowedClasses, options.allowedPackages))
            .name(name)
            .daemon(true)
            .jvmOptions(options.jvmOptions.toArray(new String[0]));
        if (null != options.classPath)
        {
            process.classPath(options.classPath);
        }
        if (null != options.javaExecutable)
        {
            process.javaExecutable(options.javaExecutable);
        }
        final WorkerHandle worker = new WorkerHandle(slot, generation, name, ring, process);
        try
        {
            worker.started = process.startAsync(); // no wait here (the pool may hold its lock): READY tells
        }
        catch (final RuntimeException ex)
        {
            ring.unlink();
            throw ex;
        }
        process.onExit().thenRun(() -> reportExit(worker));
        LOGGER.debug("started {} pid {}", name, process.pid());
        return worker;
    }

    /**
     * Called on the JDK's process reaper when a worker JVM ends: tells the collector through the result ring, so that
     * it wakes at once and reads what the worker committed before dying first. Writes through a handle of its own,
     * closed at once: the reaper's threads come and go, and each would otherwise keep a producer entry of the ring.
     * Holds {@link #reportLock} while the handle is open: closing the namespace unmaps every region opened through
     * it, and a report's handle unmapped under it crashed the JVM (SIGSEGV in the handle's close).
     */
    private void reportExit(final WorkerHandle worker)
    {
        synchronized (reportLock)
        {
            if (namespaceClosing)
            {
                return; // nothing left to tell
            }
            try (MessageRing notifier = MessageRing.open(namespace, resultRingName))
            {
                ExitReporter.report(notifier, worker.workerField(), worker.process.exitCode().orElse(-1),
                    () -> namespaceClosing || state.isTerminated());
            }
            catch (final RuntimeException ex)
            {
                LOGGER.debug("pool already closed when {} exited", worker.name, ex); // nothing left to tell
            }
        }
    }

    /**
     * Closes the pool's namespace (its rings and files) once no exit report has a handle of it open: the collector's
     * last act. A report waiting for room in the ring gives up as soon as this begins.
     */
    void closeNamespace()
    {
        namespaceClosing = true;
        synchronized (reportLock)
        {
            namespace.close();
        }
    }

    /**
     * A worker's JVM ended (EXITED): its chunks go back to the queue, or fail when they were held by dying workers
     * more than {@code maxRetries} times, and its slot gets a new worker.
     *
     * @return false when the message was about a worker already gone (an earlier generation, or reported twice).
     */
    boolean onExited(final int workerField, final int exitCode)
    {
        final WorkerHandle worker = workerOf(workerField);
        if (null == worker || !worker.alive)
        {
            return false;
        }
        worker.alive = false;
        final boolean expected = worker.retiring || state.stopping;
        if (!worker.ready && !state.stopping)
        {
            startup.onDiedBeforeReady(worker.name, exitCode, worker.initializerError, worker.started);
        }
        if (!expected)
        {
            LOGGER.warn("{} (pid {}) died with exit code {} holding {} chunk(s)", worker.name, worker.process.pid(),
                exitCode, worker.assigned.size());
        }
        final List<Chunk> held = new ArrayList<>(worker.assigned);
        worker.assigned.clear();
        Collections.reverse(held); // requeued at the front: keeps their order
        for (final Chunk chunk : held)
        {
            dispatcher.forget(chunk);
            if (!expected && !worker.initializerFailed && ++chunk.attempts > options.maxRetries)
            {
                chunk.failRemaining(new WorkerDiedException(worker.name, exitCode, chunk.attempts));
            }
            else
            {
                dispatcher.requeueFirst(chunk);
            }
        }
        worker.ring.unlink();
        worker.process.close();
        replace(worker);
        return true;
    }

    /**
     * Starts a worker in the slot of one that died: at once, or after a back-off when its initializer failed, or
     * never when the initializer failed too often in a row (the pool then fails its tasks).
     */
    private void replace(final WorkerHandle dead)
    {
        if (state.replacesNoWorkers())
        {
            return;
        }
        if (!dead.initializerFailed)
        {
            workers[dead.slot] = start(dead.slot, dead.generation + 1);
        }
        else if (restarts.givenUp())
        {
            failForInitializer(restarts.error());
        }
        else
        {
            restarts.schedule(dead.slot, System.nanoTime());
        }
    }

    /**
     * The initializer fails every time: fails the queued and held tasks, and later submits, with its exception.
     */
    private void failForInitializer(final InitializerFailedException failure)
    {
        LOGGER.error("giving up on the pool's initializer; failing its tasks", failure);
        state.initializerFailure = failure;
        dispatcher.failAll(failure);
        restarts.cancelAll();
    }

    /**
     * @return true when some slot waits for its back-off after an initializer failure (read without the lock).
     */
    boolean anyRestartScheduled()
    {
        return restarts.anyScheduled();
    }

    /**
     * Starts the workers whose back-off after an initializer failure has passed.
     *
     * @return false when the pool replaces no more workers (the back-offs are cancelled).
     */
    boolean startDueWorkers()
    {
        if (state.replacesNoWorkers())
        {
            restarts.cancelAll();
            return false;
        }
        final long nowNs = System.nanoTime();
        for (int slot = restarts.takeDue(nowNs); slot >= 0; slot = restarts.takeDue(nowNs))
        {
            workers[slot] = start(slot, workers[slot].generation + 1);
        }
        return true;
    }

    /**
     * A worker's initializer threw (INIT_FAILED); the worker exits next.
     */
    void onInitializerFailed(final int workerField, final String description)
    {
        final WorkerHandle worker = workerOf(workerField);
        if (null != worker)
        {
            worker.initializerFailed = true;
            worker.initializerError = PoolProtocol.rebuild(description);
            restarts.onInitializerFailed(worker.initializerError);
        }
    }

    /**
     * A worker's JVM started and its initializer ran (READY).
     */
    void onReady(final int workerField)
    {
        final WorkerHandle worker = workerOf(workerField);
        if (null != worker)
        {
            worker.ready = true;
            startup.onReady();
        }
    }

    /**
     * A worker reached {@code maxTasksPerChild} (RETIRING): it gets no more chunks, and its exit is expected.
     */
    void onRetiring(final int workerField)
    {
        final WorkerHandle worker = workerOf(workerField);
        if (null != worker)
        {
            worker.retiring = true;
        }
    }

    /**
     * A task finished: the initializer works, so a later failure of it starts a new count.
     */
    void onTaskDone()
    {
        restarts.onTaskDone();
    }

    boolean allWorkersGone()
    {
        for (final WorkerHandle worker : workers)
        {
            if (worker.alive)
            {
                return false;
            }
        }
        return true;
    }

    List<Long> pids()
    {
        final List<Long> pids = new ArrayList<>();
        for (final WorkerHandle worker : workers)
        {
            pids.add(worker.process.pid());
        }
        return pids;
    }

    void killAll()
    {
        for (final WorkerHandle worker : workers)
        {
            if (worker.alive && worker.process.isAlive()) // a dead worker is closed: isAlive() would throw
            {
                worker.process.kill();
            }
        }
    }

    /**
     * Kills the JVMs that still run, waits for them and releases them; on the collector as it ends, without the lock.
     */
    void endAll()
    {
        for (final WorkerHandle worker : workers)
        {
            end(worker.process);
        }
    }

    private static void end(final ChildProcess process)
    {
        try
        {
            if (process.isAlive())
            {
                process.kill();
                process.join(Duration.ofSeconds(10));
            }
        }
        catch (final IllegalStateException ignore)
        {
            // closed already
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        process.close();
    }

    /**
     * @return the current worker of the field's slot, or null when the message came from an earlier generation.
     */
    private WorkerHandle workerOf(final int workerField)
    {
        final WorkerHandle worker = workers[PoolProtocol.slotOf(workerField)];
        return worker.generation == PoolProtocol.generationOf(workerField) ? worker : null;
    }
}

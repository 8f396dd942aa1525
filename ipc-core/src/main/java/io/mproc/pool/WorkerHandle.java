package io.mproc.pool;

import io.mproc.process.ChildProcess;
import io.mproc.queue.MessageRing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The parent's view of the worker process in one slot: its task ring, its JVM, the chunks it holds and the
 * functions it has been sent. A slot gets a new handle (the next generation) each time its worker is replaced.
 * Guarded by the pool lock.
 */
final class WorkerHandle
{
    final int slot;
    final int generation;
    final String name;
    final MessageRing ring;
    final ChildProcess process;
    final List<Chunk> assigned = new ArrayList<>();
    final Set<Integer> functionsSent = new HashSet<>();
    /**
     * Messages too long for the task ring, still being written to it in pieces, and any sent after them: written
     * before anything else, and the worker is given no new chunk until they are.
     */
    final ArrayDeque<FragmentedMessage> backlog = new ArrayDeque<>();
    boolean alive = true;
    boolean retiring;
    /** Its task ring was full during the current dispatch: passed over until that dispatch ends. */
    boolean full;
    boolean initializerFailed;
    /** Its initializer's exception, when it failed. */
    RemoteTaskException initializerError;
    /** It said READY: its JVM started and its initializer ran. */
    boolean ready;
    /** Its JVM's start: fails with a ChildStartException, carrying the JVM's error output, when it cannot start. */
    CompletableFuture<ChildProcess> started;

    WorkerHandle(final int slot, final int generation, final String name, final MessageRing ring,
        final ChildProcess process)
    {
        this.slot = slot;
        this.generation = generation;
        this.name = name;
        this.ring = ring;
        this.process = process;
    }

    /**
     * @return how this worker's messages on the result ring name it ({@link PoolProtocol}).
     */
    int workerField()
    {
        return PoolProtocol.workerField(slot, generation);
    }
}

package io.mproc.pool;

import io.mproc.memory.Namespace;
import io.mproc.process.SerializableRunnable;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageRing;
import io.mproc.queue.ObjectCodec;
import io.mproc.sync.BackoffWaitStrategy;
import io.mproc.sync.SpinThenBlockWaitStrategy;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;

import java.nio.file.Paths;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.mproc.pool.PoolProtocol.CHUNK_COUNT_OFFSET;
import static io.mproc.pool.PoolProtocol.CHUNK_FN_OFFSET;
import static io.mproc.pool.PoolProtocol.CHUNK_ID_OFFSET;
import static io.mproc.pool.PoolProtocol.CHUNK_ITEMS_OFFSET;
import static io.mproc.pool.PoolProtocol.CHUNK_MODE_OFFSET;

/**
 * The body of a pool worker process: takes chunks from its own task ring, applies the function to each item and
 * writes the results to the pool's result ring (protocol: {@link PoolProtocol}). Idle workers sleep on a futex and use
 * no CPU. Runs until told to stop, until it has done {@code maxTasksPerChild} tasks, or until its parent dies (it is a
 * daemon process).
 */
final class PoolWorker implements SerializableRunnable, MessageHandler
{
    private static final long serialVersionUID = 1L;
    /** Flush a partial result message past this many bytes; a single larger result travels in pieces. */
    private static final int RESULT_FLUSH_LENGTH = 64 * 1024;
    /**
     * How long a worker whose task ring ran empty spins (yielding the CPU every few microseconds) before it sleeps on
     * the ring's futex. A caller that maps again and again (the benchmark's loop, a pipeline's stages) leaves each
     * worker idle at every call's end: while the other workers finish their last tasks (up to one task), and while
     * the caller takes the results and sends the next call's first chunks (~0.3 ms). Caught in the spin, the next
     * chunk costs no wake-up: a worker asleep costs the sender a FUTEX_WAKE, after which the woken worker often
     * preempts the sender before it has written the other workers' chunks (they then start ~1 ms late). Spinning
     * yields, so it gives way to any thread that needs the core; an idle pool's workers spin once, then sleep.
     */
    private static final long TASK_SPIN_NS = TimeUnit.MILLISECONDS.toNanos(2);

    private final String namespacePath;
    private final String taskRingName;
    private final String resultRingName;
    private final int workerField;
    private final SerializableRunnable initializer;
    private final int maxTasksPerChild;
    private final String[] allowedClasses;
    private final String[] allowedPackages;

    private transient MessageRing results;
    private transient ObjectCodec codec;
    private transient AllowList allowList;
    private transient Int2ObjectHashMap<Object> functions;
    private transient ExpandableArrayBuffer resultBuffer;
    private transient ExpandableArrayBuffer itemBuffer;
    private transient FullRingWait fullRingWait;
    /** Puts back together a chunk or function too long for the task ring. */
    private transient FragmentAssembler taskFragments;
    private transient boolean stopped;
    private transient long tasksDone;
    private transient Throwable fatal;
    /** While a chunk runs: where its next item starts. */
    private transient int itemIndex;
    /** The status of the result {@link #runItem} returned last. */
    private transient byte itemStatus;
    /** When the chunk running began, or its last RESULTS message was written: the start of the next one's busyNs. */
    private transient long busySinceNs;

    PoolWorker(
        final String namespacePath,
        final String taskRingName,
        final String resultRingName,
        final int workerField,
        final SerializableRunnable initializer,
        final int maxTasksPerChild,
        final String[] allowedClasses,
        final String[] allowedPackages)
    {
        this.namespacePath = namespacePath;
        this.taskRingName = taskRingName;
        this.resultRingName = resultRingName;
        this.workerField = workerField;
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.allowedClasses = allowedClasses;
        this.allowedPackages = allowedPackages;
    }

    public void run() throws Exception
    {
        final Namespace namespace = Namespace.open(Paths.get(namespacePath));
        try
        {
            work(namespace);
        }
        finally
        {
            namespace.close(); // unmaps the rings: a rehearsal in a warm spare (PoolWorkerRehearsal) keeps none
        }
    }

    private void work(final Namespace namespace) throws Exception
    {
        final MessageRing tasks =
            MessageRing.open(namespace, taskRingName, new SpinThenBlockWaitStrategy(TASK_SPIN_NS));
        results = MessageRing.open(namespace, resultRingName);
        allowList = PoolOptions.allowList(allowedClasses, allowedPackages);
        codec = new ObjectCodec(allowList).at("a pool worker's results", "ProcessPool.builder().allow(%s.class)");
        functions = new Int2ObjectHashMap<>();
        resultBuffer = new ExpandableArrayBuffer(4096);
        itemBuffer = new ExpandableArrayBuffer(256);
        // spins 100 times, yields 10 times, then parks from 1 us doubling to 1 ms
        fullRingWait = new FullRingWait(new BackoffWaitStrategy());
        taskFragments = new FragmentAssembler();
        if (null != initializer)
        {
            runInitializer();
        }
        resultBuffer.putInt(PoolProtocol.READY_WORKER_OFFSET, workerField);
        writeResult(PoolProtocol.READY, PoolProtocol.READY_LENGTH); // the pool's create() waits for a first one

        while (!stopped)
        {
            if (0 == tasks.read(this, 1))
            {
                tasks.awaitReadable(1, TimeUnit.SECONDS);
            }
            if (null != fatal)
            {
                throw new IllegalStateException("pool worker cannot go on", fatal);
            }
            if (maxTasksPerChild > 0 && tasksDone >= maxTasksPerChild && !stopped)
            {
                resultBuffer.putInt(PoolProtocol.RETIRING_WORKER_OFFSET, workerField);
                writeResult(PoolProtocol.RETIRING, PoolProtocol.RETIRING_LENGTH);
                stopped = true;
            }
        }
    }

    /**
     * Runs the initializer; when it throws, tells the pool why before this worker exits, so that the pool can back
     * off and, when it fails every time, fail the tasks with the reason instead of restarting workers for ever.
     */
    private void runInitializer() throws Exception
    {
        try
        {
            initializer.run();
        }
        catch (final Throwable ex)
        {
            try
            {
                resultBuffer.putInt(PoolProtocol.INIT_FAILED_WORKER_OFFSET, workerField);
                writeResult(PoolProtocol.INIT_FAILED, PoolProtocol.putString(
                    resultBuffer, PoolProtocol.INIT_FAILED_DESCRIPTION_OFFSET, PoolProtocol.describe(ex)));
            }
            catch (final RuntimeException reportFailed)
            {
                ex.addSuppressed(reportFailed);
            }
            throw ex;
        }
    }

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        try
        {
            switch (msgTypeId)
            {
                case PoolProtocol.FUNCTION:
                    Object function;
                    try
                    {
                        function = PoolProtocol.deserialize(buffer, index + PoolProtocol.FUNCTION_BODY_OFFSET,
                            length - PoolProtocol.FUNCTION_BODY_OFFSET, allowList);
                    }
                    catch (final RuntimeException ex)
                    {
                        function = new BrokenFunction(ex); // fails each item that uses it; the worker lives on
                    }
                    functions.put(buffer.getInt(index + PoolProtocol.FUNCTION_ID_OFFSET), function);
                    break;
                case PoolProtocol.CHUNK:
                    runChunk(buffer, index);
                    break;
                case PoolProtocol.STOP:
                    stopped = true;
                    break;
                case PoolProtocol.FRAGMENT:
                    taskFragments.onFragment(buffer, index, length, this); // the whole message comes back here
                    break;
                default:
                    throw new IllegalStateException("unknown pool message type: " + msgTypeId);
            }
        }
        catch (final Throwable ex)
        {
            fatal = ex;
        }
    }

    private void runChunk(final DirectBuffer buffer, final int index)
    {
        final long chunkId = buffer.getLong(index + CHUNK_ID_OFFSET);
        final int fnId = buffer.getInt(index + CHUNK_FN_OFFSET);
        final int mode = buffer.getInt(index + CHUNK_MODE_OFFSET);
        final int count = buffer.getInt(index + CHUNK_COUNT_OFFSET);
        final Object function = PoolProtocol.MODE_CALL == mode ? null : functions.get(fnId);
        final RuntimeException broken = function instanceof BrokenFunction ? ((BrokenFunction)function).error : null;

        busySinceNs = System.nanoTime();
        itemIndex = index + CHUNK_ITEMS_OFFSET;
        int start = 0;
        int position = PoolProtocol.RESULTS_ITEMS_OFFSET;
        for (int i = 0; i < count; i++)
        {
            final Object result = runItem(buffer, mode, function, broken);
            final int itemLength = encodeResult(result, itemStatus);
            tasksDone++;

            if (i > start && position + itemLength > flushLength())
            {
                flushResults(chunkId, start, i - start, position);
                start = i;
                position = PoolProtocol.RESULTS_ITEMS_OFFSET;
            }
            resultBuffer.putBytes(position, itemBuffer, 0, itemLength);
            position += itemLength;
        }
        flushResults(chunkId, start, count - start, position);
    }

    /**
     * Runs the task of the item at {@link #itemIndex}, after moving that index past the item (both items of a
     * STARMAP pair): so that an item that cannot be decoded fails alone and the next item is read from its own start.
     *
     * @return the result, with {@link #itemStatus} OK; or the exception as text, with it ERROR.
     */
    @SuppressWarnings("unchecked")
    private Object runItem(final DirectBuffer buffer, final int mode, final Object function,
        final RuntimeException broken)
    {
        final int first = itemIndex;
        itemIndex += PoolProtocol.itemLength(buffer, first);
        final int second = itemIndex;
        if (PoolProtocol.MODE_STARMAP == mode)
        {
            itemIndex += PoolProtocol.itemLength(buffer, second);
        }
        itemStatus = PoolProtocol.STATUS_OK;
        try
        {
            if (null != broken)
            {
                throw broken;
            }
            switch (mode)
            {
                case PoolProtocol.MODE_MAP:
                    return ((Function<Object, Object>)function).apply(PoolProtocol.getItem(codec, buffer, first));
                case PoolProtocol.MODE_STARMAP:
                    return ((BiFunction<Object, Object, Object>)function).apply(
                        PoolProtocol.getItem(codec, buffer, first), PoolProtocol.getItem(codec, buffer, second));
                default:
                    return callTask(buffer, first);
            }
        }
        catch (final Throwable ex)
        {
            itemStatus = PoolProtocol.STATUS_ERROR;
            return PoolProtocol.describe(ex);
        }
    }

    /**
     * MODE_CALL: the item is the serialised task itself, a callable or a runnable.
     */
    @SuppressWarnings("unchecked")
    private Object callTask(final DirectBuffer buffer, final int index) throws Exception
    {
        final int length = buffer.getInt(index + PoolProtocol.ITEM_LENGTH_OFFSET);
        final Object task = PoolProtocol.deserialize(buffer, index + PoolProtocol.ITEM_HEADER_LENGTH, length, allowList);
        if (task instanceof Callable)
        {
            return ((Callable<Object>)task).call();
        }
        ((SerializableRunnable)task).run();
        return null;
    }

    /**
     * Encodes one result (status, then the value unless null) in the item buffer on its own first, so that a result
     * message is flushed before it would outgrow the ring; a value that cannot be sent becomes an ERROR.
     *
     * @return its length.
     */
    private int encodeResult(final Object result, final byte status)
    {
        if (null == result)
        {
            itemBuffer.putByte(PoolProtocol.RESULT_STATUS_OFFSET, PoolProtocol.STATUS_NULL);
            return PoolProtocol.RESULT_ITEM_OFFSET;
        }
        itemBuffer.putByte(PoolProtocol.RESULT_STATUS_OFFSET, status);
        try
        {
            return PoolProtocol.putItem(codec, result, itemBuffer, PoolProtocol.RESULT_ITEM_OFFSET);
        }
        catch (final RuntimeException ex)
        {
            itemBuffer.putByte(PoolProtocol.RESULT_STATUS_OFFSET, PoolProtocol.STATUS_ERROR);
            return PoolProtocol.putString(itemBuffer, PoolProtocol.RESULT_ITEM_OFFSET, PoolProtocol.describe(ex));
        }
    }

    private int flushLength()
    {
        return Math.min(RESULT_FLUSH_LENGTH, results.maxMessageLength());
    }

    private void flushResults(final long chunkId, final int start, final int count, final int length)
    {
        final long nowNs = System.nanoTime();
        resultBuffer.putLong(PoolProtocol.RESULTS_CHUNK_ID_OFFSET, chunkId);
        resultBuffer.putLong(PoolProtocol.RESULTS_BUSY_NS_OFFSET, nowNs - busySinceNs);
        busySinceNs = nowNs;
        resultBuffer.putInt(PoolProtocol.RESULTS_START_OFFSET, start);
        resultBuffer.putInt(PoolProtocol.RESULTS_COUNT_OFFSET, count);
        resultBuffer.putInt(PoolProtocol.RESULTS_WORKER_OFFSET, workerField);
        writeResult(PoolProtocol.RESULTS, length);
    }

    /**
     * Writes the message in the result buffer, in pieces when it is longer than the ring's largest message (a large
     * result, or a task exception with a long message or stack trace).
     */
    private void writeResult(final int type, final int length)
    {
        if (length > results.maxMessageLength())
        {
            final FragmentedMessage message = new FragmentedMessage(type, resultBuffer, length, workerField);
            if (!message.writeTo(results))
            {
                fullRingWait.await(() -> message.writeTo(results));
            }
            return;
        }
        if (!results.write(type, resultBuffer, 0, length))
        {
            // the collector drains fast; a full result ring is a brief state (and this path may allocate)
            fullRingWait.await(() -> results.write(type, resultBuffer, 0, length));
        }
    }

    /**
     * A function the worker could not deserialize: each item that uses it fails with the reason.
     */
    private static final class BrokenFunction
    {
        final RuntimeException error;

        BrokenFunction(final RuntimeException error)
        {
            this.error = error;
        }
    }
}

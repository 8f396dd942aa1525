package io.mproc.pool;

import io.mproc.internal.CheckedObjectOutputStream;
import io.mproc.queue.AllowList;
import io.mproc.queue.MessageDecodingException;
import io.mproc.queue.ObjectCodec;
import io.mproc.queue.UnsendableValueException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;

import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The messages between a {@link ProcessPool} and its workers, over {@code io.mproc.queue.MessageRing}s: one task
 * ring per worker (parent to worker) and one result ring (workers and the parent's exit watcher to the collector).
 * All integers in native order.
 * <pre>
 * Task ring, FUNCTION (type 1): a function used by later chunks, sent once per worker
 *  +----------------+-------------------------------------------+
 *  | fnId (4)       | Java-serialised function ...              |
 *  +----------------+-------------------------------------------+
 * Task ring, CHUNK (type 2): items to apply a function to
 *  +----------------+------------+-----------+-----------+------------------------------+
 *  | chunkId (8)    | fnId (4)   | mode (4)  | count (4) | items: count x ITEM          |
 *  +----------------+------------+-----------+-----------+------------------------------+
 *  mode MAP: fn(item); STARMAP: fn(item 2i, item 2i+1), count is the number of pairs; CALL: the item is the
 *  serialised callable itself (fnId -1).
 * Task ring, STOP (type 3): no body; the worker exits.
 *
 * ITEM
 *  +---------------+--------------+-------------------------------+
 *  | typeId (4)    | length (4)   | ObjectCodec bytes ...         |
 *  +---------------+--------------+-------------------------------+
 *
 * Result ring, RESULTS (type 1): results of items [start, start + count) of a chunk
 *  +-------------+-------------+-----------+-----------+-------------+-----------------------------+
 *  | chunkId (8) | busyNs (8)  | start (4) | count (4) | worker (4)  | count x (status (1), ITEM)  |
 *  +-------------+-------------+-----------+-----------+-------------+-----------------------------+
 *  busyNs: how long the worker took over these items (from taking the chunk, or from its previous RESULTS of the
 *  chunk, to this one): the parent sizes how much work it queues per worker from it.
 *  status OK: ITEM is the result; ERROR: ITEM is a STRING "class \0 message \0 frame \n frame ...", then for
 *  each cause \u0001 and the same again; NULL: no ITEM.
 * Result ring, EXITED (type 2), written by the parent (on the JDK's process reaper) when a worker JVM ends
 *  +----------------+----------------+
 *  | worker (4)     | exitCode (4)   |
 *  +----------------+----------------+
 * Result ring, RETIRING (type 3), from a worker that reached maxTasksPerChild and will exit
 *  +----------------+
 *  | worker (4)     |
 *  +----------------+
 * Result ring, INIT_FAILED (type 4), from a worker whose initializer threw; the worker then exits
 *  +----------------+--------------------------------------------------+
 *  | worker (4)     | ITEM: STRING describing the exception, as ERROR  |
 *  +----------------+--------------------------------------------------+
 * Result ring, READY (type 5), from a worker whose initializer (if any) has run: it takes tasks now
 *  +----------------+
 *  | worker (4)     |
 *  +----------------+
 *
 * Either ring, FRAGMENT (type 16): a piece of a message longer than the ring's largest (1/8 of its capacity), which
 * travels as consecutive fragments from one sender and is read as the whole message once all have arrived
 * ({@link FragmentedMessage}, {@link FragmentAssembler})
 *  +----------------+----------------+----------------+----------------+----------------------------+
 *  | sender (4)     | wholeType (4)  | wholeLength (4)| offset (4)     | bytes [offset, offset + n) |
 *  +----------------+----------------+----------------+----------------+----------------------------+
 *  sender: the worker field on the result ring (whose writers interleave), 0 on a task ring (one writer).
 * </pre>
 * A worker is known by its slot (0..N-1) plus a generation: the parent bumps the generation each time it replaces the
 * worker of a slot, and carries slot + generation << 16 in the worker field, so that a message of a dead
 * generation is never taken for its successor's.
 */
final class PoolProtocol
{
    static final int FUNCTION = 1;
    static final int CHUNK = 2;
    static final int STOP = 3;

    static final int RESULTS = 1;
    static final int EXITED = 2;
    static final int RETIRING = 3;
    static final int INIT_FAILED = 4;
    static final int READY = 5;

    /** On either ring: a piece of a message too long for the ring. */
    static final int FRAGMENT = 16;

    static final int MODE_MAP = 0;
    static final int MODE_STARMAP = 1;
    static final int MODE_CALL = 2;

    static final byte STATUS_OK = 0;
    static final byte STATUS_ERROR = 1;
    static final byte STATUS_NULL = 2;

    static final int CHUNK_ID_OFFSET = 0;
    static final int CHUNK_FN_OFFSET = CHUNK_ID_OFFSET + SIZE_OF_LONG;
    static final int CHUNK_MODE_OFFSET = CHUNK_FN_OFFSET + SIZE_OF_INT;
    static final int CHUNK_COUNT_OFFSET = CHUNK_MODE_OFFSET + SIZE_OF_INT;
    static final int CHUNK_ITEMS_OFFSET = CHUNK_COUNT_OFFSET + SIZE_OF_INT;

    static final int RESULTS_CHUNK_ID_OFFSET = 0;
    static final int RESULTS_BUSY_NS_OFFSET = RESULTS_CHUNK_ID_OFFSET + SIZE_OF_LONG;
    static final int RESULTS_START_OFFSET = RESULTS_BUSY_NS_OFFSET + SIZE_OF_LONG;
    static final int RESULTS_COUNT_OFFSET = RESULTS_START_OFFSET + SIZE_OF_INT;
    static final int RESULTS_WORKER_OFFSET = RESULTS_COUNT_OFFSET + SIZE_OF_INT;
    static final int RESULTS_ITEMS_OFFSET = RESULTS_WORKER_OFFSET + SIZE_OF_INT;

    static final int FUNCTION_ID_OFFSET = 0;
    static final int FUNCTION_BODY_OFFSET = FUNCTION_ID_OFFSET + SIZE_OF_INT;

    /** Within a RESULTS message's items: one result is a status byte, then (unless NULL) an ITEM. */
    static final int RESULT_STATUS_OFFSET = 0;
    static final int RESULT_ITEM_OFFSET = RESULT_STATUS_OFFSET + SIZE_OF_BYTE;

    static final int EXITED_WORKER_OFFSET = 0;
    static final int EXITED_CODE_OFFSET = EXITED_WORKER_OFFSET + SIZE_OF_INT;
    static final int EXITED_LENGTH = EXITED_CODE_OFFSET + SIZE_OF_INT;

    static final int RETIRING_WORKER_OFFSET = 0;
    static final int RETIRING_LENGTH = RETIRING_WORKER_OFFSET + SIZE_OF_INT;

    static final int READY_WORKER_OFFSET = 0;
    static final int READY_LENGTH = READY_WORKER_OFFSET + SIZE_OF_INT;

    static final int INIT_FAILED_WORKER_OFFSET = 0;
    static final int INIT_FAILED_DESCRIPTION_OFFSET = INIT_FAILED_WORKER_OFFSET + SIZE_OF_INT;

    static final int FRAGMENT_SENDER_OFFSET = 0;
    static final int FRAGMENT_TYPE_OFFSET = FRAGMENT_SENDER_OFFSET + SIZE_OF_INT;
    static final int FRAGMENT_WHOLE_LENGTH_OFFSET = FRAGMENT_TYPE_OFFSET + SIZE_OF_INT;
    static final int FRAGMENT_OFFSET_OFFSET = FRAGMENT_WHOLE_LENGTH_OFFSET + SIZE_OF_INT;
    static final int FRAGMENT_BYTES_OFFSET = FRAGMENT_OFFSET_OFFSET + SIZE_OF_INT;

    /** The worker field: slot in the low bits, generation above (so at most 65,536 workers). */
    static final int WORKER_FIELD_SHIFT = 16;
    static final int MAX_WORKERS = 1 << WORKER_FIELD_SHIFT;

    static final int ITEM_TYPE_OFFSET = 0;
    static final int ITEM_LENGTH_OFFSET = ITEM_TYPE_OFFSET + SIZE_OF_INT;
    static final int ITEM_HEADER_LENGTH = ITEM_LENGTH_OFFSET + SIZE_OF_INT;
    static final int RESULT_HEADER_LENGTH = SIZE_OF_BYTE + ITEM_HEADER_LENGTH;

    static int workerField(final int slot, final int generation)
    {
        return slot | generation << WORKER_FIELD_SHIFT;
    }

    static int slotOf(final int workerField)
    {
        return workerField & (MAX_WORKERS - 1);
    }

    static int generationOf(final int workerField)
    {
        return workerField >>> WORKER_FIELD_SHIFT;
    }

    private static final String JDK_SAFE_LAMBDA = "java.lang.invoke.SerializedLambda";
    /** mproc's own wrapper of a plain serialisable Runnable. */
    private static final String RUNNABLE_ADAPTER = RunnableAdapter.class.getName();
    private static final char CAUSE_SEPARATOR = '\u0001';
    /**
     * Longest exception message carried whole (16 MiB of text at most in UTF-8); a longer one is cut, with a marker
     * that says how much was left out. Shorter ones, of any size up to this, arrive whole (in pieces when needed).
     */
    static final int MAX_MESSAGE_CHARS = 4 * 1024 * 1024;

    private PoolProtocol()
    {
    }

    /**
     * Appends one item.
     *
     * @return the index after it.
     */
    static int putItem(final ObjectCodec codec, final Object value, final ExpandableArrayBuffer buffer, final int index)
    {
        final int typeId = codec.typeId(value);
        final int length = codec.encode(value, buffer, index + ITEM_HEADER_LENGTH);
        buffer.putInt(index + ITEM_TYPE_OFFSET, typeId);
        buffer.putInt(index + ITEM_LENGTH_OFFSET, length);
        return index + ITEM_HEADER_LENGTH + length;
    }

    static int itemLength(final DirectBuffer buffer, final int index)
    {
        return ITEM_HEADER_LENGTH + buffer.getInt(index + ITEM_LENGTH_OFFSET);
    }

    static Object getItem(final ObjectCodec codec, final DirectBuffer buffer, final int index)
    {
        return codec.decode(buffer.getInt(index + ITEM_TYPE_OFFSET), buffer, index + ITEM_HEADER_LENGTH,
            buffer.getInt(index + ITEM_LENGTH_OFFSET));
    }

    /**
     * Java-serialises a function or callable, failing at the caller with the reason when it cannot be sent, or
     * when it captures an object the workers would refuse (the same rules as {@link #deserialize}).
     */
    static byte[] serialize(final Object task, final AllowList allowList)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new CheckedObjectOutputStream(bytes, (type) -> isTaskClass(type, allowList)))
        {
            out.writeObject(task);
            out.flush();
            return bytes.toByteArray();
        }
        catch (final NotSerializableException ex)
        {
            throw new IllegalArgumentException("task cannot be sent to a worker, not serializable: task=" +
                task.getClass().getName() + ", offending class=" + ex.getMessage(), ex);
        }
        catch (final java.io.InvalidClassException ex)
        {
            throw new UnsendableValueException(ex.classname, "captured by the task " + task.getClass().getName() +
                ", and not on the pool's allow-list (workers would refuse it)", ex)
                .at("a process pool's tasks", "ProcessPool.builder().allow(%s.class)");
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("task cannot be sent to a worker: task=" + task.getClass().getName(), ex);
        }
    }

    /**
     * Deserialises a function in a worker: lambdas (as {@code SerializedLambda}), the JDK's boxes and strings, and
     * the pool's allow-list; nothing else is instantiated.
     */
    static Object deserialize(final DirectBuffer buffer, final int index, final int length, final AllowList allowList)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(index, bytes);
        final String[] rejected = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter(taskFilter(allowList, rejected));
            return in.readObject();
        }
        catch (final java.io.InvalidClassException ex)
        {
            throw new MessageDecodingException("class not on the pool's allow-list, not deserialized: class=" +
                rejected[0] + " (" + allowList + ")", ex);
        }
        catch (final IOException | ClassNotFoundException ex)
        {
            throw new MessageDecodingException("cannot deserialize task: " + ex, ex);
        }
    }

    private static ObjectInputFilter taskFilter(final AllowList allowList, final String[] rejected)
    {
        return (info) ->
        {
            final Class<?> type = info.serialClass();
            if (null == type)
            {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            if (isTaskClass(type, allowList))
            {
                return ObjectInputFilter.Status.ALLOWED;
            }
            rejected[0] = type.getName();
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    /**
     * A class a task may hold: lambdas and their defining classes, mproc's runnable wrapper, and what the allow-list
     * allows (which includes JDK values and collections, records, enums and shared-object handles).
     */
    private static boolean isTaskClass(final Class<?> serialClass, final AllowList allowList)
    {
        Class<?> type = serialClass;
        while (type.isArray())
        {
            type = type.getComponentType();
        }
        return type.isPrimitive() || Object.class == type || JDK_SAFE_LAMBDA.equals(type.getName()) ||
            RUNNABLE_ADAPTER.equals(type.getName()) || allowList.allows(type) || definesSerializableLambdas(type) ||
            type.isHidden(); // the lambda object $deserializeLambda$ returned: made by the JVM, not by the stream
    }

    /**
     * A serialised lambda names the class that defined it (its {@code capturingClass}), which is then asked to
     * rebuild the lambda: such a class is the program's own code, recognisable by the {@code $deserializeLambda$}
     * method the compiler gives every class with serialisable lambdas. Allowing it lets lambdas travel without the
     * user listing every class that defines one; instantiating it still needs it to be serialisable.
     */
    private static boolean definesSerializableLambdas(final Class<?> type)
    {
        return LAMBDA_HOSTS.get(type);
    }

    private static final ClassValue<Boolean> LAMBDA_HOSTS = new ClassValue<>()
    {
        protected Boolean computeValue(final Class<?> type)
        {
            try
            {
                type.getDeclaredMethod("$deserializeLambda$", java.lang.invoke.SerializedLambda.class);
                return true;
            }
            catch (final NoSuchMethodException | SecurityException ex)
            {
                return false;
            }
        }
    };

    /**
     * Describes a task's exception as text: class, message and stack trace, so the parent can rebuild it without
     * deserialising any class of the worker's choosing.
     */
    static String describe(final Throwable error)
    {
        final StringBuilder text = new StringBuilder();
        Throwable current = error;
        for (int depth = 0; null != current && depth < 8; depth++)
        {
            if (depth > 0)
            {
                text.append(CAUSE_SEPARATOR);
            }
            text.append(current.getClass().getName()).append('\0');
            appendMessage(text, current.getMessage());
            text.append('\0');
            for (final StackTraceElement frame : current.getStackTrace())
            {
                text.append(frame.getClassName()).append('|').append(frame.getMethodName()).append('|')
                    .append(null == frame.getFileName() ? "" : frame.getFileName()).append('|')
                    .append(frame.getLineNumber()).append('\n');
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return text.toString();
    }

    private static void appendMessage(final StringBuilder text, final String message)
    {
        if (null == message)
        {
            return;
        }
        if (message.length() <= MAX_MESSAGE_CHARS)
        {
            text.append(message);
            return;
        }
        text.append(message, 0, MAX_MESSAGE_CHARS)
            .append("... [truncated: ").append(message.length() - MAX_MESSAGE_CHARS).append(" more characters]");
    }

    static RemoteTaskException rebuild(final String description)
    {
        final int causeAt = description.indexOf(CAUSE_SEPARATOR);
        final String own = causeAt < 0 ? description : description.substring(0, causeAt);
        final String[] parts = own.split("\0", 3);
        final String className = parts[0];
        final String message = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        final String[] lines = parts.length > 2 && !parts[2].isEmpty() ? parts[2].split("\n") : new String[0];
        final StackTraceElement[] frames = new StackTraceElement[lines.length];
        for (int i = 0; i < lines.length; i++)
        {
            final String[] fields = lines[i].split("\\|", -1);
            frames[i] = new StackTraceElement(fields[0], fields.length > 1 ? fields[1] : "?",
                fields.length > 2 && !fields[2].isEmpty() ? fields[2] : null,
                fields.length > 3 ? parseLine(fields[3]) : -1);
        }
        final RemoteTaskException rebuilt = new RemoteTaskException(className, message, frames);
        if (causeAt >= 0)
        {
            rebuilt.initCause(rebuild(description.substring(causeAt + 1)));
        }
        return rebuilt;
    }

    private static int parseLine(final String line)
    {
        try
        {
            return Integer.parseInt(line);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    static int putString(final MutableDirectBuffer buffer, final int index, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(index + ITEM_TYPE_OFFSET, ObjectCodec.STRING);
        buffer.putInt(index + ITEM_LENGTH_OFFSET, bytes.length);
        buffer.putBytes(index + ITEM_HEADER_LENGTH, bytes);
        return index + ITEM_HEADER_LENGTH + bytes.length;
    }
}

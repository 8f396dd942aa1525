package io.mproc.manager;

import io.mproc.memory.ElementType;
import io.mproc.memory.Namespace;
import io.mproc.memory.RegionKind;
import io.mproc.memory.RegionSpec;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.AtomicBuffer;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Body of a manager's control file ({@link RegionKind#MANAGER}, named as the manager), after the region header:
 * the server's state and process, and one reply slot per client thread. The header's length field is the slot count.
 * <pre>{@code
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |     State: 0 = starting, 1 = running, 2 = shut down           |  0
 *  +---------------------------------------------------------------+
 *  |     Slot Count (set at creation, never changed)               |  4
 *  +---------------------------------------------------------------+
 *  |     Server: owner word (pid << 32 | start time) of the        |  8
 *  |     serving process, 0 until it serves                        |
 *  +---------------------------------------------------------------+
 *  |     Server Threads (set at creation, never changed): request  | 16
 *  |     rings, one per server thread                              |
 *  +---------------------------------------------------------------+
 *  |                    ... to 64 ...                              |
 *  +---------------------------------------------------------------+
 *  |     Slot 0: owner word of the client process holding it,      | 64
 *  |     0 = free; a dead owner's slot is taken over by CAS        |
 *  +---------------------------------------------------------------+
 *  |                    ... to 128 ...                             |
 *  +---------------------------------------------------------------+
 *  |     Slot 1 ...                                                | 128
 *  ...                                                           ...
 * }</pre>
 * Beside it, in the same namespace: one request ring per server thread, {@code <name>.requests} for thread 0 and
 * {@code <name>.requests-<t>} for thread t &gt; 0 (many-to-one {@code MessageRing}s: the client thread of slot s
 * writes to that of server thread {@code s % serverThreads}, which alone reads it), and one reply ring
 * {@code <name>.reply-<slot>} per slot (written only by the server thread of the slot, read by the slot's client
 * thread), created by the first client that claims the slot. The messages on them
 * are laid out in {@link ManagerProtocol}. Objects created through the manager that are shared memory of their own
 * (locks, events, queues...) are named {@code <name>.obj-<id>}. Every file of a manager starts with its name and a
 * dot, so shutting it down deletes them all.
 * <p>
 * The creator writes the slot count and state 0, then starts the server, which writes its owner word and then the
 * state 1 (ordered): a client that reads state 1 also reads the server's identity.
 */
public final class ManagerDescriptor
{
    /** Layout version of the control body and of {@link ManagerProtocol}'s messages. */
    public static final int LAYOUT_VERSION = SemanticVersion.compose(2, 0, 0);

    public static final int STATE_OFFSET = 0;
    public static final int SLOT_COUNT_OFFSET = STATE_OFFSET + SIZE_OF_INT;
    public static final int SERVER_OFFSET = SLOT_COUNT_OFFSET + SIZE_OF_INT;
    public static final int SERVER_THREADS_OFFSET = SERVER_OFFSET + SIZE_OF_LONG;
    public static final int SLOTS_OFFSET = CACHE_LINE_LENGTH;
    /** Each slot has a cache line of its own: claims by different processes do not contend. */
    public static final int SLOT_LENGTH = CACHE_LINE_LENGTH;

    public static final int STARTING = 0;
    public static final int RUNNING = 1;
    public static final int SHUT_DOWN = 2;

    /** Slots when none is given: client threads connected at once, over all processes. */
    public static final int DEFAULT_SLOTS = 64;
    /** Most slots a manager may have. */
    public static final int MAX_SLOTS = 4096;
    /** Server threads when none is given (measured: see {@code io.mproc.manager}'s package documentation). */
    public static final int DEFAULT_SERVER_THREADS = 1;
    /** Most server threads a manager may have. */
    public static final int MAX_SERVER_THREADS = 64;
    /** Suffix of the request ring's name. */
    public static final String REQUESTS_SUFFIX = ".requests";
    /** Longest manager name: the longest derived file name must still be a valid name. */
    public static final int MAX_NAME_LENGTH = Namespace.MAX_NAME_LENGTH - ".requests-63".length() - 8;

    private ManagerDescriptor()
    {
    }

    /**
     * @param slots of the manager.
     * @return the spec of its control file.
     */
    public static RegionSpec spec(final int slots)
    {
        return new RegionSpec(RegionKind.MANAGER, LAYOUT_VERSION, ElementType.NONE, slots,
            SLOTS_OFFSET + (long)slots * SLOT_LENGTH);
    }

    /**
     * @return the spec that opens a manager's control file whatever its slot count.
     */
    public static RegionSpec anySlots()
    {
        return new RegionSpec(RegionKind.MANAGER, LAYOUT_VERSION, ElementType.NONE, RegionSpec.ANY_LENGTH, 0);
    }

    /**
     * @param buffer     over the control file.
     * @param bodyOffset of its body.
     * @param slot       index.
     * @return index of the slot's owner word in {@code buffer}.
     */
    static int slotIndex(final int bodyOffset, final int slot)
    {
        return bodyOffset + SLOTS_OFFSET + slot * SLOT_LENGTH;
    }

    static void initialise(final AtomicBuffer buffer, final int bodyOffset, final int slots, final int serverThreads)
    {
        buffer.putInt(bodyOffset + SLOT_COUNT_OFFSET, slots);
        buffer.putInt(bodyOffset + SERVER_THREADS_OFFSET, serverThreads);
        buffer.putIntVolatile(bodyOffset + STATE_OFFSET, STARTING);
    }

    /**
     * @param name         of a manager.
     * @param serverThread index.
     * @return the name of the request ring that server thread reads.
     */
    static String requestsName(final String name, final int serverThread)
    {
        return 0 == serverThread ? name + REQUESTS_SUFFIX : name + REQUESTS_SUFFIX + '-' + serverThread;
    }

    /**
     * @param slot          of a client thread.
     * @param serverThreads of the manager.
     * @return the server thread that serves the slot (writes its replies, reads the ring its requests go to).
     */
    static int serverThreadOf(final int slot, final int serverThreads)
    {
        return slot % serverThreads;
    }

    /**
     * @param name of a manager.
     * @param slot index.
     * @return the name of that slot's reply ring.
     */
    static String replyName(final String name, final int slot)
    {
        return name + ".reply-" + slot;
    }

    /**
     * @param name of a manager.
     * @param id   of an object created through it.
     * @return the name of that object's own shared memory.
     */
    static String objectName(final String name, final long id)
    {
        return name + ".obj-" + id;
    }

    /**
     * Checks a manager's name: a valid namespace name, short enough for its derived names.
     *
     * @param name of a manager.
     * @return the name.
     * @throws IllegalArgumentException naming the rule and the name.
     */
    static String validateName(final String name)
    {
        Namespace.validateName(name);
        if (name.length() > MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("manager name too long: at most " + MAX_NAME_LENGTH +
                " characters, so that its files' names ('<name>.reply-<slot>') stay valid: name=" + name);
        }
        return name;
    }

    /**
     * @param threads requested.
     * @return the threads.
     * @throws IllegalArgumentException naming the range and the value.
     */
    static int checkServerThreads(final int threads)
    {
        if (threads < 1 || threads > MAX_SERVER_THREADS)
        {
            throw new IllegalArgumentException("server threads must be from 1 to " + MAX_SERVER_THREADS +
                ": serverThreads=" + threads);
        }
        return threads;
    }

    /**
     * @param slots requested.
     * @return the slots.
     * @throws IllegalArgumentException naming the range and the value.
     */
    static int checkSlots(final int slots)
    {
        if (slots < 1 || slots > MAX_SLOTS)
        {
            throw new IllegalArgumentException("client slots must be from 1 to " + MAX_SLOTS + ": slots=" + slots);
        }
        return slots;
    }
}

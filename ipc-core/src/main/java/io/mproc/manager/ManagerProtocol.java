package io.mproc.manager;

import io.mproc.queue.ObjectCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The messages between a manager's clients and its server (layout version: {@link ManagerDescriptor#LAYOUT_VERSION}).
 * A request goes on the request ring with the operation code as its message type; its reply comes back on the
 * reply ring of the slot it names, with a reply code as its message type. Numbers are in native byte order.
 * <pre>
 *  Request (ring {@code <name>.requests}, message type = operation, see {@link Ops})
 *   0  call id     long   echoed in the reply; a reply whose id is not the awaited one is stale and dropped
 *   8  slot        int    whose reply ring gets the reply
 *  12  arg count   int    0 to 3
 *  16  object id   long   the object operated on; 0 for the manager itself
 *  24  args        each:  type id (int, an {@link ObjectCodec} type) | length (int) | the codec's bytes
 *
 *  Reply (ring {@code <name>.reply-<slot>}, message type = {@link #REPLY_VALUE} / {@link #REPLY_ERROR})
 *   0  call id     long
 *   8  VALUE: the result as one arg;  ERROR: two string args, the exception's class name and its message
 * </pre>
 * A function argument (compute, merge, apply...) is a {@code byte[]} arg holding its Java serialisation.
 */
final class ManagerProtocol
{
    static final int REPLY_VALUE = 1;
    static final int REPLY_ERROR = 2;

    static final int CALL_ID_OFFSET = 0;
    static final int SLOT_OFFSET = 8;
    static final int ARG_COUNT_OFFSET = 12;
    static final int OBJECT_ID_OFFSET = 16;
    static final int REQUEST_ARGS_OFFSET = 24;
    static final int REPLY_VALUE_OFFSET = 8;
    private static final int ARG_HEADER_LENGTH = 8;

    private ManagerProtocol()
    {
    }

    /**
     * Writes a request into {@code buffer} (an expandable scratch) from index 0.
     *
     * @return its length.
     */
    static int writeRequest(final ObjectCodec codec, final MutableDirectBuffer buffer, final long callId,
        final int slot, final long objectId, final int argCount, final Object a, final Object b, final Object c)
    {
        buffer.putLong(CALL_ID_OFFSET, callId);
        buffer.putInt(SLOT_OFFSET, slot);
        buffer.putInt(ARG_COUNT_OFFSET, argCount);
        buffer.putLong(OBJECT_ID_OFFSET, objectId);
        int position = REQUEST_ARGS_OFFSET;
        if (argCount > 0)
        {
            position = writeArg(codec, buffer, position, a);
        }
        if (argCount > 1)
        {
            position = writeArg(codec, buffer, position, b);
        }
        if (argCount > 2)
        {
            position = writeArg(codec, buffer, position, c);
        }
        return position;
    }

    /**
     * Writes a reply holding a value into {@code buffer} from index 0.
     *
     * @return its length.
     */
    static int writeValueReply(final ObjectCodec codec, final MutableDirectBuffer buffer, final long callId,
        final Object value)
    {
        buffer.putLong(CALL_ID_OFFSET, callId);
        return writeArg(codec, buffer, REPLY_VALUE_OFFSET, value);
    }

    /**
     * Writes a reply holding an exception's class name and message into {@code buffer} from index 0.
     *
     * @return its length.
     */
    static int writeErrorReply(final ObjectCodec codec, final MutableDirectBuffer buffer, final long callId,
        final String className, final String message)
    {
        buffer.putLong(CALL_ID_OFFSET, callId);
        final int position = writeArg(codec, buffer, REPLY_VALUE_OFFSET, className);
        return writeArg(codec, buffer, position, message);
    }

    /**
     * @return the index after the arg.
     */
    static int writeArg(final ObjectCodec codec, final MutableDirectBuffer buffer, final int index, final Object value)
    {
        final int typeId = codec.typeId(value);
        final int length = codec.encode(value, buffer, index + ARG_HEADER_LENGTH);
        buffer.putInt(index, typeId);
        buffer.putInt(index + 4, length);
        return index + ARG_HEADER_LENGTH + length;
    }

    /**
     * @return the arg at {@code index}.
     */
    static Object readArg(final ObjectCodec codec, final DirectBuffer buffer, final int index)
    {
        return codec.decode(buffer.getInt(index), buffer, index + ARG_HEADER_LENGTH, buffer.getInt(index + 4));
    }

    /**
     * @return the index after the arg at {@code index}.
     */
    static int skipArg(final DirectBuffer buffer, final int index)
    {
        return index + ARG_HEADER_LENGTH + buffer.getInt(index + 4);
    }

    /**
     * The operation codes: the message type of a request. Never renumber one.
     */
    static final class Ops
    {
        // the manager itself (object id 0)
        static final int CREATE = 1;          // (kind, name or null, initial) -> id
        static final int SHUTDOWN = 2;        // () -> null
        static final int NEW_NAME = 3;        // () -> a fresh object id, for an object of its own memory
        static final int RELEASE = 4;         // (id) -> true when it was held

        // any object
        static final int APPLY = 9;           // (function of the object) -> its result, in one step
        static final int SNAPSHOT = 10;       // () -> a copy
        static final int SIZE = 11;
        static final int CLEAR = 12;

        // dict (Map)
        static final int GET = 20;
        static final int PUT = 21;
        static final int REMOVE = 22;
        static final int REMOVE_VALUE = 23;   // (key, value) -> boolean
        static final int CONTAINS_KEY = 24;
        static final int CONTAINS_VALUE = 25;
        static final int GET_OR_DEFAULT = 26;
        static final int PUT_IF_ABSENT = 27;
        static final int REPLACE = 28;
        static final int REPLACE_VALUE = 29;  // (key, old, new) -> boolean
        static final int PUT_ALL = 30;
        static final int COMPUTE = 31;
        static final int COMPUTE_IF_ABSENT = 32;
        static final int COMPUTE_IF_PRESENT = 33;
        static final int MERGE = 34;

        // list (List)
        static final int LIST_GET = 40;
        static final int LIST_SET = 41;
        static final int LIST_ADD = 42;
        static final int LIST_ADD_AT = 43;
        static final int LIST_REMOVE_AT = 44;
        static final int LIST_REMOVE = 45;
        static final int LIST_ADD_ALL = 46;
        static final int LIST_INDEX_OF = 47;
        static final int LIST_LAST_INDEX_OF = 48;
        static final int LIST_CONTAINS = 49;
        static final int LIST_REPLACE_ALL = 50;  // (function) -> null
        static final int LIST_UPDATE = 51;       // (index, function) -> new element

        // value and namespace attributes
        static final int VALUE_GET = 60;
        static final int VALUE_SET = 61;
        static final int VALUE_UPDATE = 62;      // (function) -> new value
        static final int ATTR_GET = 70;
        static final int ATTR_SET = 71;
        static final int ATTR_DELETE = 72;

        private Ops()
        {
        }
    }
}

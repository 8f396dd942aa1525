package io.mproc.cluster;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What a cluster handle becomes when it is sent to another process (a child JVM, a pool task, a queue item): the
 * cluster's URI, the kind of object, its name and its sizing argument. Read back, it reopens the same object through
 * the receiving JVM's context on that cluster ({@link ClusterContexts}), joining as a client node when the JVM has
 * none: so a handle arrives working, as mproc's shared-memory handles do.
 */
final class HandleRef implements Serializable
{
    private static final long serialVersionUID = 1L;

    /** The kinds of object a handle can name. */
    enum Kind
    {
        LONG, DOUBLE, LONG_ARRAY, LOCK, RLOCK, CONDITION, CONDITION_LOCK, SEMAPHORE, EVENT, BARRIER, QUEUE, DICT, LIST,
        PIPE_END
    }

    private final String uri;
    private final Kind kind;
    private final String name;
    private final long argument;

    HandleRef(final ClusterUri uri, final Kind kind, final String name, final long argument)
    {
        this.uri = uri.uri().toString();
        this.kind = kind;
        this.name = name;
        this.argument = argument;
    }

    private Object readResolve() throws ObjectStreamException
    {
        final IgniteContext context = ClusterContexts.forUri(ClusterUri.parse(uri));
        switch (kind)
        {
            case LONG:
                return context.longValue(name, argument);
            case DOUBLE:
                return context.doubleValue(name, Double.longBitsToDouble(argument));
            case LONG_ARRAY:
                return context.longArray(name, (int)argument);
            case LOCK:
                return context.lock(name);
            case RLOCK:
                return context.rlock(name);
            case CONDITION:
                return context.condition(name);
            case CONDITION_LOCK:
                return context.condition(name).lock();
            case SEMAPHORE:
                return context.semaphore(name, (int)argument);
            case EVENT:
                return context.event(name);
            case BARRIER:
                return context.barrier(name, (int)argument);
            case QUEUE:
                return context.queue(name);
            case DICT:
                return context.dict(name);
            case LIST:
                return context.list(name);
            case PIPE_END:
                final ClusterConnection end = context.pipeEnd(name, 0 != (argument & 1), 0 != (argument & 2));
                end.attach(); // held by the process it arrived in
                return end;
            default:
                throw new IllegalStateException("unknown handle kind: " + kind);
        }
    }

    @Override
    public String toString()
    {
        return "HandleRef{" + kind + " '" + name + "' on " + uri + '}';
    }
}

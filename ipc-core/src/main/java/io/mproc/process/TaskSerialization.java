package io.mproc.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * Turns a task into bytes in the parent and back into a task in the child.
 * <p>
 * <b>Trust model.</b> The bytes travel only on the child's stdin, a pipe that the parent JVM created and that no
 * other process can write to (short of one running as the same user, which could as well ptrace either JVM). So
 * the child trusts the classes its parent chose, as Python's spawn trusts the pickle it reads from its parent's
 * pipe: any class on the shared class path may arrive. The filter is still explicit: it honours a process-wide
 * filter the user set ({@code jdk.serialFilter} or {@link ObjectInputFilter.Config#setSerialFilter}), and bounds
 * array lengths, references and bytes by the length of the payload, which rejects nothing a real parent sends
 * but turns a corrupt frame into an exception instead of a huge allocation.
 */
final class TaskSerialization
{
    private TaskSerialization()
    {
    }

    /**
     * @param task to send.
     * @return its bytes.
     * @throws IllegalArgumentException naming the class that is not serialisable.
     */
    static byte[] serialize(final Object task)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(task);
        }
        catch (final NotSerializableException ex)
        {
            throw new IllegalArgumentException("task is not serializable: " + ex.getMessage() +
                " does not implement java.io.Serializable (task=" + task.getClass().getName() +
                "); everything a task captures travels to the child by serialisation, shared objects by name", ex);
        }
        catch (final InvalidClassException ex)
        {
            throw new IllegalArgumentException("task cannot be serialized: " + ex.getMessage() +
                " (task=" + task.getClass().getName() + ")", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot serialize task " + task.getClass().getName(), ex);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes from the parent.
     * @return the task.
     * @throws IOException            when the bytes are not a task or the filter rejects them.
     * @throws ClassNotFoundException when a class is not on the child's class path.
     */
    static Object deserialize(final byte[] bytes) throws IOException, ClassNotFoundException
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            in.setObjectInputFilter(new ParentPayloadFilter(bytes.length));
            return in.readObject();
        }
    }

    /**
     * Allows every class (see the trust model above), within bounds set by the payload length, after any
     * process-wide filter.
     */
    static final class ParentPayloadFilter implements ObjectInputFilter
    {
        private final long payloadLength;
        private final ObjectInputFilter processWide = Config.getSerialFilter();

        ParentPayloadFilter(final long payloadLength)
        {
            this.payloadLength = payloadLength;
        }

        public Status checkInput(final FilterInfo info)
        {
            if (null != processWide && Status.REJECTED == processWide.checkInput(info))
            {
                return Status.REJECTED;
            }
            // An array element, a reference or a read takes at least one byte of the payload.
            if (info.arrayLength() > payloadLength || info.references() > payloadLength ||
                info.streamBytes() > payloadLength)
            {
                return Status.REJECTED;
            }
            return null != info.serialClass() ? Status.ALLOWED : Status.UNDECIDED;
        }
    }
}

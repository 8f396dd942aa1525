package io.mproc.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a parent tells a new child, written on the child's stdin pipe right after the JVM is started; the parent
 * then closes the pipe.
 * <pre>
 *   int    MAGIC "MPCH"          rejects a stray writer (a user typing on a terminal, another program)
 *   int    VERSION
 *   string name                  every string: int length, then that many UTF-8 bytes
 *   string identity              "1", "1:2", ...: numbers children of this child
 *   bool   daemon
 *   long   parentPid
 *   long   parentStartTime       see io.mproc.internal.ProcessIdentity
 *   string logSetting            syntax of the mproc.log system property
 *   string statusToken           16 hex digits that mark the child's status lines on its stderr (StatusLine)
 *   byte   kind                  KIND_TASK, KIND_MAIN or KIND_STATIC_CALL
 *   KIND_TASK: int length, bytes     the serialised task (java.io serialisation)
 *   KIND_MAIN: string className, int argc, argc x string
 *   KIND_STATIC_CALL: see StaticCall  a lambda sent as the static method it calls
 * </pre>
 *
 * @param header        who the child is and who its parent is.
 * @param task          the serialised task, or null.
 * @param call          the task as a static call, or null.
 * @param mainClassName the entry class, or null.
 * @param mainArgs      arguments of the entry class.
 */
record ChildLaunch(Header header, byte[] task, StaticCall call, String mainClassName, List<String> mainArgs)
{
    /**
     * The part of the launch that is not the task.
     *
     * @param name            of the child.
     * @param identity        numbers of the child in its family tree.
     * @param daemon          true when the child ends with its parent.
     * @param parentPid       pid of the parent.
     * @param parentStartTime start time of the parent.
     * @param logSetting      lifecycle logging switch of the parent.
     * @param statusToken     marks the child's {@link StatusLine}s.
     */
    record Header(String name, String identity, boolean daemon, long parentPid, long parentStartTime, String logSetting,
        String statusToken)
    {
        void writeTo(final DataOutputStream data) throws IOException
        {
            writeString(data, name);
            writeString(data, identity);
            data.writeBoolean(daemon);
            data.writeLong(parentPid);
            data.writeLong(parentStartTime);
            writeString(data, logSetting);
            writeString(data, statusToken);
        }

        static Header readFrom(final DataInputStream data) throws IOException
        {
            return new Header(readString(data), readString(data), data.readBoolean(), data.readLong(), data.readLong(),
                readString(data), readString(data));
        }
    }

    static final int MAGIC = 0x4D50_4348; // "MPCH"
    static final int VERSION = 2; // 2: the status token
    static final byte KIND_TASK = 1;
    static final byte KIND_MAIN = 2;
    static final byte KIND_STATIC_CALL = 3;
    /** Upper bound on any one length field, so a corrupt frame fails fast instead of allocating gigabytes. */
    static final int MAX_LENGTH = 1 << 30;

    void writeTo(final OutputStream out) throws IOException
    {
        final DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        header.writeTo(data);
        if (null != task)
        {
            data.writeByte(KIND_TASK);
            data.writeInt(task.length);
            data.write(task);
        }
        else if (null != call)
        {
            data.writeByte(KIND_STATIC_CALL);
            call.writeTo(data);
        }
        else
        {
            data.writeByte(KIND_MAIN);
            writeString(data, mainClassName);
            data.writeInt(mainArgs.size());
            for (final String arg : mainArgs)
            {
                writeString(data, arg);
            }
        }
        data.flush();
    }

    static ChildLaunch readFrom(final InputStream in) throws IOException
    {
        final DataInputStream data = new DataInputStream(in);
        final int magic = data.readInt();
        if (MAGIC != magic)
        {
            throw new StreamCorruptedException("not an mproc child launch on stdin: magic=0x" + Integer.toHexString(magic));
        }
        final int version = data.readInt();
        if (VERSION != version)
        {
            throw new StreamCorruptedException("child launch version not compatible: parent=" + version +
                " child=" + VERSION);
        }
        final Header header = Header.readFrom(data);
        final byte kind = data.readByte();
        if (KIND_TASK == kind)
        {
            final byte[] task = new byte[readLength(data)];
            data.readFully(task);
            return new ChildLaunch(header, task, null, null, List.of());
        }
        if (KIND_STATIC_CALL == kind)
        {
            return new ChildLaunch(header, null, StaticCall.readFrom(data), null, List.of());
        }
        if (KIND_MAIN == kind)
        {
            final String className = readString(data);
            final int argc = readLength(data);
            final List<String> args = new ArrayList<>(argc);
            for (int i = 0; i < argc; i++)
            {
                args.add(readString(data));
            }
            return new ChildLaunch(header, null, null, className, args);
        }
        throw new StreamCorruptedException("unknown child launch kind: kind=" + kind);
    }

    private static void writeString(final DataOutputStream data, final String value) throws IOException
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    private static String readString(final DataInputStream data) throws IOException
    {
        final byte[] bytes = new byte[readLength(data)];
        data.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int readLength(final DataInputStream data) throws IOException
    {
        final int length = data.readInt();
        if (length < 0 || length > MAX_LENGTH)
        {
            throw new StreamCorruptedException("child launch length out of range: length=" + length);
        }
        return length;
    }

    /**
     * @return a description that leaves out the task bytes.
     */
    public String toString()
    {
        return "ChildLaunch{name=" + header.name + ", identity=" + header.identity + ", daemon=" + header.daemon +
            ", parentPid=" + header.parentPid + (null != task ? ", taskBytes=" + task.length : null != call ? ", call=" + call :
            ", main=" + mainClassName + " " + mainArgs) + '}';
    }
}

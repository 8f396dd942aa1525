package io.mproc.journal;

import io.mproc.queue.AllowList;
import io.mproc.queue.Codec;
import io.mproc.queue.ObjectCodec;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The settings of a {@link Journal}, with defaults that suit most uses. Every process that opens the same journal
 * should use the same roll cycle and codec.
 *
 * @param <E> type of the values.
 */
public final class JournalBuilder<E>
{
    /** System property naming the directory under which journals opened by name live. */
    public static final String ROOT_PROPERTY = "mproc.journal.root";
    /** Default of {@link #maxMessageLength}: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1 << 20;
    /** Default of {@link #blockSize}: 16 MiB of (sparse) file mapped at a time. */
    public static final long DEFAULT_BLOCK_SIZE = 16L << 20;
    /** Default of {@link #minFreeBytes}: 64 MiB. */
    public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;
    /** Default of {@link #maxGroupMembers}. */
    public static final int DEFAULT_MAX_GROUP_MEMBERS = 64;
    /** Default of {@link #redeliveryCheckIntervalMs}. */
    public static final long DEFAULT_REDELIVERY_CHECK_INTERVAL_MS = 500;

    private final Path directory;
    private final Codec<E> codec;
    private RollCycle rollCycle = RollCycles.FAST_DAILY;
    private long blockSize = DEFAULT_BLOCK_SIZE;
    private int maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH;
    private long minFreeBytes = DEFAULT_MIN_FREE_BYTES;
    private int maxGroupMembers = DEFAULT_MAX_GROUP_MEMBERS;
    private long redeliveryCheckIntervalMs = DEFAULT_REDELIVERY_CHECK_INTERVAL_MS;

    JournalBuilder(final Path directory, final Codec<E> codec)
    {
        if (null == directory)
        {
            throw new IllegalArgumentException("journal directory must not be null");
        }
        if (null == codec)
        {
            throw new IllegalArgumentException("codec must not be null: journal " + directory);
        }
        this.directory = directory.toAbsolutePath().normalize();
        this.codec = codec;
    }

    /**
     * @param name of a journal: one path element.
     * @return the directory a journal of that name has by default: under the system property
     * {@value #ROOT_PROPERTY} when set, else under {@code java.io.tmpdir}/mproc-journals (a disk path, not
     * {@code /dev/shm}: a journal is meant to outlive the machine's memory).
     */
    public static Path defaultDirectory(final String name)
    {
        if (null == name || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith("."))
        {
            throw new IllegalArgumentException("journal name must be one path element not starting with '.': name=" +
                (null == name ? null : "'" + name + "'"));
        }
        final String root = System.getProperty(ROOT_PROPERTY);
        return null != root ? Paths.get(root, name) :
            Paths.get(System.getProperty("java.io.tmpdir"), "mproc-journals", name);
    }

    static JournalBuilder<Object> withObjectCodec(final Path directory)
    {
        return new JournalBuilder<>(directory, new ObjectCodec(AllowList.NONE).at(
            "journal " + directory, "Journal.builder(dir, new ObjectCodec(AllowList.of(%s.class)))"));
    }

    /**
     * @param rollCycle how often Chronicle starts a new cycle file (default {@code FAST_DAILY}); history is deleted
     *                  a whole cycle file at a time. {@code WEEKLY} is refused: Chronicle cannot read back the names
     *                  it gives its files ({@link RollCycleCheck}).
     * @return this.
     * @throws IllegalArgumentException when Chronicle would not find the cycle files of this roll cycle again.
     */
    public JournalBuilder<E> rollCycle(final RollCycle rollCycle)
    {
        if (null == rollCycle)
        {
            throw new IllegalArgumentException("rollCycle must not be null: journal " + directory);
        }
        RollCycleCheck.requireReadableFileNames(rollCycle, directory);
        this.rollCycle = rollCycle;
        return this;
    }

    /**
     * @param blockSize bytes of a cycle file Chronicle maps at a time (default 16 MiB); a message may be at most a
     *                  quarter of it.
     * @return this.
     */
    public JournalBuilder<E> blockSize(final long blockSize)
    {
        if (blockSize < (1 << 16))
        {
            throw new IllegalArgumentException("blockSize must be at least 65536: blockSize=" + blockSize);
        }
        this.blockSize = blockSize;
        return this;
    }

    /**
     * @param maxMessageLength longest encoded message accepted (default 1 MiB, at most blockSize / 4).
     * @return this.
     */
    public JournalBuilder<E> maxMessageLength(final int maxMessageLength)
    {
        if (maxMessageLength < 1)
        {
            throw new IllegalArgumentException("maxMessageLength must be positive: maxMessageLength=" +
                maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /**
     * @param minFreeBytes usable disk space below which appends are refused with a
     *                     {@link JournalDiskFullException} (default 64 MiB), checked at open and every few thousand
     *                     appends.
     * @return this.
     */
    public JournalBuilder<E> minFreeBytes(final long minFreeBytes)
    {
        if (minFreeBytes < 0)
        {
            throw new IllegalArgumentException("minFreeBytes must not be negative: minFreeBytes=" + minFreeBytes);
        }
        this.minFreeBytes = minFreeBytes;
        return this;
    }

    /**
     * @param maxGroupMembers member slots of each consumer group created by this process (default 64).
     * @return this.
     */
    public JournalBuilder<E> maxGroupMembers(final int maxGroupMembers)
    {
        if (maxGroupMembers < 1 || maxGroupMembers > GroupDescriptor.MAX_SLOTS)
        {
            throw new IllegalArgumentException("maxGroupMembers must be in 1.." + GroupDescriptor.MAX_SLOTS +
                ": maxGroupMembers=" + maxGroupMembers);
        }
        this.maxGroupMembers = maxGroupMembers;
        return this;
    }

    /**
     * @param redeliveryCheckIntervalMs how often a polling group member looks for members that died holding a
     *                                  claim (default 500 ms): a dead member's message is redelivered about this
     *                                  long after its death, as soon as a live member polls.
     * @return this.
     */
    public JournalBuilder<E> redeliveryCheckIntervalMs(final long redeliveryCheckIntervalMs)
    {
        if (redeliveryCheckIntervalMs < 0)
        {
            throw new IllegalArgumentException("redeliveryCheckIntervalMs must not be negative: " +
                "redeliveryCheckIntervalMs=" + redeliveryCheckIntervalMs);
        }
        this.redeliveryCheckIntervalMs = redeliveryCheckIntervalMs;
        return this;
    }

    /**
     * Opens the journal, creating the directory and the journal in it when absent.
     *
     * @return the open journal.
     * @throws NotAJournalException             when the directory holds other files.
     * @throws JournalVersionMismatchException  when the journal has another layout version.
     * @throws JournalDiskFullException         when the disk has less than {@link #minFreeBytes} usable.
     * @throws io.mproc.memory.MissingJvmFlagsException when this JVM lacks the flags Chronicle Queue needs.
     */
    public Journal<E> open()
    {
        if (maxMessageLength > blockSize / 4)
        {
            throw new IllegalArgumentException("maxMessageLength must be at most blockSize / 4: maxMessageLength=" +
                maxMessageLength + ", blockSize=" + blockSize);
        }
        return new Journal<>(this);
    }

    Path directory()
    {
        return directory;
    }

    Codec<E> codec()
    {
        return codec;
    }

    RollCycle rollCycle()
    {
        return rollCycle;
    }

    long blockSize()
    {
        return blockSize;
    }

    int maxMessageLength()
    {
        return maxMessageLength;
    }

    long minFreeBytes()
    {
        return minFreeBytes;
    }

    int maxGroupMembers()
    {
        return maxGroupMembers;
    }

    long redeliveryCheckIntervalMs()
    {
        return redeliveryCheckIntervalMs;
    }
}

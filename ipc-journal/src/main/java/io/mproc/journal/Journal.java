package io.mproc.journal;

import io.mproc.queue.Codec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A durable, append-only journal of messages on disk, shared by any number of threads and processes: every
 * message survives the death of every process and a restart of the machine's JVMs (it is in the page cache, and on
 * disk once the OS writes it back). Built on Chronicle Queue (memory-mapped cycle files), with mproc's codec
 * ({@link io.mproc.queue.ObjectCodec} by default: JDK values, collections and records; Chronicle
 * {@code BytesMarshallable} and {@link java.io.Serializable} classes on the allow-list), and two ways to read:
 * <ul>
 *   <li>{@link #subscriber(String)}: a named subscriber sees every message and resumes after the last one it
 *   consumed when its process restarts; {@link #reader()}, {@link #readerFromIndex}, {@link #readerFromTime}
 *   replay without a saved position;</li>
 *   <li>{@link #joinGroup(String)}: a consumer group shares the messages among its member processes, each message
 *   handled by one member and acknowledged; a message whose member dies before acknowledging is delivered again,
 *   to another member, flagged as a redelivery (at-least-once: duplicates only in that case).</li>
 * </ul>
 * Disk use: Chronicle's cycle files are sparse, so an idle journal takes the pages written (tens of KiB for its
 * indexes) although each cycle file shows {@code blockSize} or more as its length; history is deleted a whole cycle
 * at a time by {@link #deleteAcknowledged()}.
 * <p>
 * Thread-safe: {@link #append} from any thread (each thread gets its own Chronicle appender); readers and group
 * members are for one thread each.
 *
 * @param <E> type of the values.
 */
public final class Journal<E> implements AutoCloseable
{
    /** Cycle files Chronicle writes, one per roll cycle. */
    static final String CYCLE_FILE_SUFFIX = ".cq4";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    private static final int APPENDS_PER_DISK_CHECK = 4096;

    private final JournalBuilder<E> settings;
    private final Path directory;
    private final SingleChronicleQueue queue;
    private final AppendClock clock = new AppendClock();
    private final Set<AutoCloseable> openParts = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<ThreadAppender> appenders;
    private volatile boolean closed;

    Journal(final JournalBuilder<E> settings)
    {
        JournalFlagCheck.check();
        this.settings = settings;
        this.directory = settings.directory();
        JournalFiles.createOrValidate(directory);
        checkDiskSpace();
        this.queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(settings.rollCycle())
            .blockSize(settings.blockSize())
            .timeProvider(clock)
            .build();
        this.appenders = ThreadLocal.withInitial(ThreadAppender::new);
    }

    /**
     * @param name of the journal: its directory is {@link JournalBuilder#defaultDirectory(String)}.
     * @return a builder of a journal of any value the default codec takes.
     */
    public static JournalBuilder<Object> builder(final String name)
    {
        return JournalBuilder.withObjectCodec(JournalBuilder.defaultDirectory(name));
    }

    /**
     * @param directory of the journal (created when absent).
     * @return a builder of a journal of any value the default codec takes.
     */
    public static JournalBuilder<Object> builder(final Path directory)
    {
        return JournalBuilder.withObjectCodec(directory);
    }

    /**
     * @param directory of the journal (created when absent).
     * @param codec     of the values, the same in every process ({@link BufferCodec} for zero-copy bytes).
     * @param <E>       type of the values.
     * @return a builder.
     */
    public static <E> JournalBuilder<E> builder(final Path directory, final Codec<E> codec)
    {
        return new JournalBuilder<>(directory, codec);
    }

    /**
     * @param name of the journal, under {@link JournalBuilder#defaultDirectory(String)}.
     * @return the journal, with default settings.
     */
    public static Journal<Object> open(final String name)
    {
        return builder(name).open();
    }

    /**
     * @return the journal's directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Appends one message, durably: once this returns, the message survives the death of this process.
     *
     * @param value to append.
     * @return its journal index.
     * @throws JournalMessageTooLargeException when it encodes to more than the journal's limit.
     * @throws JournalDiskFullException        when the disk is (nearly) full.
     * @throws io.mproc.queue.UnsendableValueException when the codec cannot encode it.
     */
    public long append(final E value)
    {
        final ThreadAppender appender = appenders.get();
        final Codec<E> codec = settings.codec();
        final MessageEncoder<E> encoder = appender.encoder;
        final int typeId = codec.typeId(value);
        final int knownLength = codec.encodedLength(value);
        // A value of unknown length is encoded before Chronicle's write lock is taken; one of known length in place.
        final int length = knownLength >= 0 ? knownLength : encoder.encodeToScratch(value);
        if (length > settings.maxMessageLength())
        {
            throw new JournalMessageTooLargeException(directory, length, settings.maxMessageLength());
        }
        if (--appender.appendsUntilDiskCheck <= 0)
        {
            appender.appendsUntilDiskCheck = APPENDS_PER_DISK_CHECK;
            checkDiskSpace();
        }
        final ExcerptAppender excerptAppender = appender.appender();
        try (DocumentContext document = excerptAppender.writingDocument())
        {
            final Bytes<?> bytes = document.wire().bytes();
            final long appendTimeMs = appender.clockReading[0]; // Chronicle's own reading, under its lock
            final long cycleStartMs = cycleStartMs(excerptAppender.cycle());
            try
            {
                if (knownLength >= 0)
                {
                    encoder.writeValue(bytes, typeId, appendTimeMs, cycleStartMs, value, length);
                }
                else
                {
                    encoder.writeScratch(bytes, typeId, appendTimeMs, cycleStartMs, length);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                document.rollbackOnClose(); // a codec that failed half-way leaves no message behind
                throw ex;
            }
        }
        return excerptAppender.lastIndexAppended();
    }

    /**
     * @param name of the subscriber: letters, digits, '_', '.', '-'.
     * @return a reader that starts after the last message this subscriber consumed (in any process, before any
     * restart), or at the start of the journal the first time.
     */
    public JournalReader<E> subscriber(final String name)
    {
        checkName(name, "subscriber");
        try
        {
            final Path entry = directory.resolve(JournalFiles.SUBSCRIBERS_DIRECTORY).resolve(name);
            if (!Files.exists(entry))
            {
                Files.write(entry, new byte[0]);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot register subscriber '" + name + "' of journal " + directory, ex);
        }
        return register(new JournalReader<>(this, queue.createTailer(name), name));
    }

    /**
     * @return a reader from the first message kept, with no saved position.
     */
    public JournalReader<E> reader()
    {
        return register(new JournalReader<>(this, queue.createTailer().toStart(), null));
    }

    /**
     * @param index a journal index, as {@link #append} returned.
     * @return a reader whose first message is the one at {@code index}.
     * @throws IllegalArgumentException when the journal has no message at that index.
     */
    public JournalReader<E> readerFromIndex(final long index)
    {
        final JournalReader<E> reader = new JournalReader<>(this, queue.createTailer(), null);
        if (!reader.moveToIndex(index))
        {
            reader.close();
            throw new IllegalArgumentException("no message at index=" + index + " (0x" + Long.toHexString(index) +
                ") in journal " + directory + ": firstIndex=" + queue.firstIndex() + ", lastIndex=" +
                queue.lastIndex());
        }
        return register(reader);
    }

    /**
     * @param epochMs a time.
     * @return a reader whose first message is the first appended at or after that time.
     */
    public JournalReader<E> readerFromTime(final long epochMs)
    {
        final JournalReader<E> reader = new JournalReader<>(this, queue.createTailer().toStart(), null);
        reader.skipToTime(epochMs, queue.epoch(), settings.rollCycle().lengthInMillis());
        return register(reader);
    }

    /**
     * Joins a consumer group (created at the start of the journal the first time any process joins it).
     *
     * @param group name: letters, digits, '_', '.', '-'.
     * @return this process's member, for one thread.
     * @throws GroupFullException when every member slot is held by a live member.
     */
    public GroupMember<E> joinGroup(final String group)
    {
        checkName(group, "consumer group");
        final Path file = directory.resolve(JournalFiles.GROUPS_DIRECTORY).resolve(group + ".group");
        return register(new GroupMember<>(this, ClaimTable.openOrCreate(file, settings.maxGroupMembers()),
            queue.createTailer(), queue.createTailer()));
    }

    /**
     * @return the index of the first message kept, or {@code Long.MAX_VALUE} when there is none.
     */
    public long firstIndex()
    {
        return queue.firstIndex();
    }

    /**
     * @return the index of the last message, or -1 when there is none.
     */
    public long lastIndex()
    {
        return queue.lastIndex();
    }

    /**
     * Deletes the cycle files every subscriber and every consumer group of this journal has finished with (all
     * older than the oldest position or unacknowledged claim among them; the current cycle is always kept).
     * With no subscriber and no group, nothing counts as consumed and nothing is deleted.
     *
     * @return the number of cycle files deleted.
     */
    public int deleteAcknowledged()
    {
        return new HistoryDeletion(directory, queue).run();
    }

    Codec<E> codec()
    {
        return settings.codec();
    }

    int rollCycleOf(final long index)
    {
        return queue.rollCycle().toCycle(index);
    }

    /**
     * @return the start of a Chronicle cycle, epoch ms (the time a message's short header counts from).
     */
    long cycleStartMs(final int cycle)
    {
        return queue.epoch() + cycle * (long)settings.rollCycle().lengthInMillis();
    }

    long redeliveryCheckIntervalMs()
    {
        return settings.redeliveryCheckIntervalMs();
    }

    void forget(final AutoCloseable part)
    {
        openParts.remove(part);
    }

    private <T extends AutoCloseable> T register(final T part)
    {
        if (closed)
        {
            try
            {
                part.close();
            }
            catch (final Exception ignore)
            {
                // closing what was just opened
            }
            throw new IllegalStateException("journal closed: " + directory);
        }
        openParts.add(part);
        return part;
    }

    private void checkDiskSpace()
    {
        final long usable = directory.toFile().getUsableSpace();
        if (usable < settings.minFreeBytes())
        {
            throw new JournalDiskFullException(directory, usable, settings.minFreeBytes());
        }
    }

    private static void checkName(final String name, final String what)
    {
        if (null == name || !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException(what + " name must be 1-100 of letters, digits, '_', '.', '-', " +
                "not starting with '.' or '-': name=" + (null == name ? null : "'" + name + "'"));
        }
    }

    /**
     * Closes the readers and group members still open, then Chronicle's queue. A group member's claim left
     * unacknowledged is delivered again to another member.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final AutoCloseable part : openParts)
        {
            try
            {
                part.close();
            }
            catch (final Exception ignore)
            {
                // keep closing the rest
            }
        }
        queue.close();
    }

    /** One thread's Chronicle appender (not thread-safe, so one per thread) and its message encoder. */
    private final class ThreadAppender
    {
        private final MessageEncoder<E> encoder = new MessageEncoder<>(settings.codec());
        private final long[] clockReading = clock.readingsOfThisThread();
        private int appendsUntilDiskCheck = APPENDS_PER_DISK_CHECK;
        private ExcerptAppender appender;

        private ExcerptAppender appender()
        {
            if (null == appender)
            {
                if (closed)
                {
                    throw new IllegalStateException("journal closed: " + directory);
                }
                appender = queue.createAppender();
            }
            return appender;
        }
    }
}

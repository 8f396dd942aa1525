package io.mproc.journal;

import io.mproc.internal.ProcessIdentity;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.mproc.journal.GroupDescriptor.CLAIMED_INDEX_OFFSET;
import static io.mproc.journal.GroupDescriptor.CLAIM_TIME_OFFSET;
import static io.mproc.journal.GroupDescriptor.CURSOR_OFFSET;
import static io.mproc.journal.GroupDescriptor.DELIVERIES_OFFSET;
import static io.mproc.journal.GroupDescriptor.NONE;
import static io.mproc.journal.GroupDescriptor.OWNER_OFFSET;
import static io.mproc.journal.GroupDescriptor.PREPARED_NEXT_OFFSET;
import static io.mproc.journal.GroupDescriptor.PREPARED_PREVIOUS_OFFSET;
import static io.mproc.journal.GroupDescriptor.slotOffset;

/**
 * One consumer group's claim table, mapped from its file (layout and protocol in {@link GroupDescriptor}): the
 * shared cursor and the member slots, with the atomic operations the protocol uses. Thread-safe; owns the mapping.
 */
final class ClaimTable implements AutoCloseable
{
    /** Owner word of a slot whose member was closed while it still held a claim: never alive. */
    static final long ABANDONED = 1;

    private final Path file;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer buffer;
    private final int slotCount;

    private ClaimTable(final Path file, final MappedByteBuffer mapping)
    {
        this.file = file;
        this.mapping = mapping;
        this.buffer = new UnsafeBuffer(mapping);
        this.slotCount = buffer.getInt(GroupDescriptor.SLOT_COUNT_OFFSET);
    }

    /**
     * Maps the table of a group, creating it with {@code slotCount} slots when absent.
     */
    static ClaimTable openOrCreate(final Path file, final int slotCount)
    {
        try
        {
            if (!Files.exists(file))
            {
                publish(file, slotCount);
            }
            final long length = Files.size(file);
            if (length < GroupDescriptor.SLOTS_OFFSET)
            {
                throw new NotAJournalException(file.getParent().getParent(), "group file " + file.getFileName() +
                    " is " + length + " bytes long, shorter than its header");
            }
            final ClaimTable table = new ClaimTable(file, IoUtil.mapExistingFile(file.toFile(), file.toString()));
            table.validate(length);
            return table;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open consumer group " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static void publish(final Path file, final int slotCount) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(GroupDescriptor.fileLength(slotCount))
            .order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(GroupDescriptor.MAGIC_OFFSET, GroupDescriptor.MAGIC);
        bytes.putInt(GroupDescriptor.VERSION_OFFSET, JournalDescriptor.LAYOUT_VERSION);
        bytes.putInt(GroupDescriptor.SLOT_COUNT_OFFSET, slotCount);
        bytes.putLong(CURSOR_OFFSET, GroupDescriptor.START);
        for (int slot = 0; slot < slotCount; slot++)
        {
            bytes.putLong(slotOffset(slot) + CLAIMED_INDEX_OFFSET, NONE);
        }
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid() +
            "-" + Thread.currentThread().getId());
        Files.write(temporary, bytes.array());
        try
        {
            Files.createLink(file, temporary);
        }
        catch (final FileAlreadyExistsException ex)
        {
            // another process created the group first: use that table
        }
        finally
        {
            Files.deleteIfExists(temporary);
        }
    }

    private void validate(final long length)
    {
        final long magic = buffer.getLong(GroupDescriptor.MAGIC_OFFSET);
        if (GroupDescriptor.MAGIC != magic)
        {
            close();
            throw new NotAJournalException(file.getParent().getParent(), "group file " + file.getFileName() +
                " has magic 0x" + Long.toHexString(magic) + ", expected 0x" + Long.toHexString(GroupDescriptor.MAGIC));
        }
        final int version = buffer.getInt(GroupDescriptor.VERSION_OFFSET);
        if (version != JournalDescriptor.LAYOUT_VERSION)
        {
            close();
            throw new JournalVersionMismatchException(file, version);
        }
        if (slotCount < 1 || GroupDescriptor.fileLength(slotCount) > length)
        {
            close();
            throw new NotAJournalException(file.getParent().getParent(), "group file " + file.getFileName() +
                " has slotCount=" + slotCount + " but length=" + length);
        }
    }

    Path file()
    {
        return file;
    }

    int slotCount()
    {
        return slotCount;
    }

    long cursorVolatile()
    {
        return buffer.getLongVolatile(CURSOR_OFFSET);
    }

    boolean compareAndSetCursor(final long expected, final long update)
    {
        return buffer.compareAndSetLong(CURSOR_OFFSET, expected, update);
    }

    void cursorRelease(final long value)
    {
        buffer.putLongRelease(CURSOR_OFFSET, value);
    }

    long owner(final int slot)
    {
        return buffer.getLongVolatile(slotOffset(slot) + OWNER_OFFSET);
    }

    boolean compareAndSetOwner(final int slot, final long expected, final long update)
    {
        return buffer.compareAndSetLong(slotOffset(slot) + OWNER_OFFSET, expected, update);
    }

    /**
     * @return whether the owner word names a process that is alive now (false for a free slot).
     */
    static boolean isOwnerAlive(final long owner)
    {
        return 0 != owner && ABANDONED != owner && ProcessIdentity.isOwnerAlive(owner);
    }

    long claimedIndex(final int slot)
    {
        return buffer.getLongVolatile(slotOffset(slot) + CLAIMED_INDEX_OFFSET);
    }

    long deliveries(final int slot)
    {
        return buffer.getLongVolatile(slotOffset(slot) + DELIVERIES_OFFSET);
    }

    long preparedPrevious(final int slot)
    {
        return buffer.getLongVolatile(slotOffset(slot) + PREPARED_PREVIOUS_OFFSET);
    }

    long preparedNext(final int slot)
    {
        return buffer.getLongVolatile(slotOffset(slot) + PREPARED_NEXT_OFFSET);
    }

    /** Step 1 of a claim: what the cursor was and what it will be, for a repair after this process dies. */
    void prepare(final int slot, final long previous, final long next)
    {
        final int offset = slotOffset(slot);
        buffer.putLong(offset + PREPARED_PREVIOUS_OFFSET, previous);
        buffer.putLongRelease(offset + PREPARED_NEXT_OFFSET, next); // ordered before the cursor CAS that follows
    }

    /** Step 3 of a claim, while the cursor is locked by this slot. */
    void recordClaim(final int slot, final long index, final long nowMs)
    {
        final int offset = slotOffset(slot);
        buffer.putLong(offset + CLAIM_TIME_OFFSET, nowMs);
        buffer.putLong(offset + DELIVERIES_OFFSET, 1);
        buffer.putLongVolatile(offset + CLAIMED_INDEX_OFFSET, index);
    }

    /** Counts one more delivery of the slot's claim (before handing it out again). */
    long countRedelivery(final int slot, final long nowMs)
    {
        final int offset = slotOffset(slot);
        buffer.putLong(offset + CLAIM_TIME_OFFSET, nowMs);
        return buffer.getAndAddLong(offset + DELIVERIES_OFFSET, 1) + 1;
    }

    /** Acknowledges the slot's claim: the message is done for this group. */
    void acknowledge(final int slot)
    {
        buffer.putLongVolatile(slotOffset(slot) + CLAIMED_INDEX_OFFSET, NONE);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapping);
    }
}

package io.mproc.journal;

import java.nio.file.Path;

/**
 * Every member slot of a consumer group is held by a live process (or by a dead one whose claim is not yet
 * redelivered).
 */
public class GroupFullException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param groupFile  the group's claim table.
     * @param slotCount  its number of member slots.
     */
    public GroupFullException(final Path groupFile, final int slotCount)
    {
        super("consumer group full: " + groupFile + " has all " + slotCount + " member slots taken; close " +
            "members, or create the journal with a larger JournalBuilder.maxGroupMembers");
    }
}

package io.mproc.inspect;

import io.mproc.internal.ProcessIdentity;
import io.mproc.sync.LockDescriptor;
import io.mproc.sync.WaitWord;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoding helpers shared by the kinds' decoders: owner words (pid and start time in one long, as
 * {@link ProcessIdentity#ownerWord} packs them) and wait words.
 */
final class Owners
{
    private Owners()
    {
    }

    /**
     * @param ownerWord as stored; bit 63 marks a lock owner still recording its thread.
     * @return {@code pid}, {@code alive} (same process still running) and, when set, {@code recording}.
     */
    static Map<String, Object> owner(final long ownerWord)
    {
        final Map<String, Object> owner = new LinkedHashMap<>();
        final long word = ownerWord & ~LockDescriptor.OWNER_PENDING_BIT;
        owner.put("pid", ProcessIdentity.pidOf(word));
        owner.put("alive", ProcessIdentity.isOwnerAlive(word));
        if (0 != (ownerWord & LockDescriptor.OWNER_PENDING_BIT))
        {
            owner.put("recording", true);
        }
        return owner;
    }

    /**
     * @param ownerWord as stored.
     * @return the owner's description, or the string {@code none} for 0.
     */
    static Object ownerOrNone(final long ownerWord)
    {
        return 0 == ownerWord ? "none" : owner(ownerWord);
    }

    /**
     * @param buffer    over the file.
     * @param waitIndex index of a {@link WaitWord}.
     * @return the waiters announced as sleeping on it (dead ones included until a repair forgets them).
     */
    static int sleepers(final UnsafeBuffer buffer, final int waitIndex)
    {
        return buffer.getIntVolatile(waitIndex + WaitWord.SLEEPERS_OFFSET) & WaitWord.SLEEPERS_COUNT_MASK;
    }
}

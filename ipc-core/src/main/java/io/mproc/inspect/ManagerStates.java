package io.mproc.inspect;

import io.mproc.manager.ManagerDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live state of a manager's control file ({@link ManagerDescriptor}): whether it serves, its server process and
 * whether that still runs, and the client processes holding reply slots (a dead one's slot is taken over by the next
 * client that needs one). Read only.
 */
final class ManagerStates
{
    private ManagerStates()
    {
    }

    static Map<String, Object> manager(final UnsafeBuffer buffer, final int body, final long bodyLength)
    {
        final int slots = buffer.getInt(body + ManagerDescriptor.SLOT_COUNT_OFFSET);
        final long slotsEnd = ManagerDescriptor.SLOTS_OFFSET + (long)slots * ManagerDescriptor.SLOT_LENGTH;
        if (slots <= 0 || slots > ManagerDescriptor.MAX_SLOTS || slotsEnd > bodyLength)
        {
            throw new CorruptBodyException("manager slot count does not fit the file: slots=" + slots +
                ", bodyLength=" + bodyLength);
        }
        final Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", stateName(buffer.getIntVolatile(body + ManagerDescriptor.STATE_OFFSET)));
        state.put("server", Owners.ownerOrNone(buffer.getLongVolatile(body + ManagerDescriptor.SERVER_OFFSET)));
        state.put("serverThreads", buffer.getInt(body + ManagerDescriptor.SERVER_THREADS_OFFSET));
        state.put("slots", slots);
        final List<Object> clients = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++)
        {
            final long owner = buffer.getLongVolatile(body + ManagerDescriptor.SLOTS_OFFSET +
                slot * ManagerDescriptor.SLOT_LENGTH);
            if (0 != owner)
            {
                final Map<String, Object> client = new LinkedHashMap<>();
                client.put("slot", slot);
                client.putAll(Owners.owner(owner));
                clients.add(client);
            }
        }
        state.put("clients", clients);
        return state;
    }

    private static String stateName(final int state)
    {
        switch (state)
        {
            case ManagerDescriptor.STARTING: return "STARTING";
            case ManagerDescriptor.RUNNING: return "RUNNING";
            case ManagerDescriptor.SHUT_DOWN: return "SHUT_DOWN";
            default: return "unknown(" + state + ")";
        }
    }
}

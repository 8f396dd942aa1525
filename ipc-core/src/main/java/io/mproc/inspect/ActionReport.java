package io.mproc.inspect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an inspector command that changes files ({@code rm}, {@code gc}, {@code unlock}) did, or would do on a dry run.
 *
 * @param action  the command.
 * @param dryRun  true when nothing was changed, only listed.
 * @param message one line for a person.
 * @param removed paths removed (or that would be).
 * @param kept    files left alone although a clean-up looked at them, each {@code path: reason}.
 */
public record ActionReport(String action, boolean dryRun, String message, List<String> removed, List<String> kept)
{
    /**
     * @return the report as ordered fields, for text and JSON alike.
     */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("action", action);
        map.put("dryRun", dryRun);
        map.put("message", message);
        map.put("removed", removed);
        map.put("kept", kept);
        return map;
    }
}

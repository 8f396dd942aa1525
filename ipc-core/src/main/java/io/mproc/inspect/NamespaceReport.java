package io.mproc.inspect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One namespace folder as the inspector sees it. A temporary namespace records its creator in its name
 * ({@code .tmp-<pid>-<startTime>-<random>}); a named one has no recorded creator.
 *
 * @param name         of the folder.
 * @param path         of the folder.
 * @param user         owning the folder.
 * @param sizeBytes    total size of the files in it.
 * @param temporary    true for a temporary namespace (deleted when its creator closes it).
 * @param creatorPid   pid of a temporary namespace's creator; 0 for a named one.
 * @param creatorAlive true while a temporary namespace's creator runs; false for a named one.
 * @param objects      shared objects in it (staging files not counted).
 */
public record NamespaceReport(
    String name, String path, String user, long sizeBytes, boolean temporary, long creatorPid, boolean creatorAlive,
    int objects)
{
    /**
     * @return the report as ordered fields, for text and JSON alike.
     */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("path", path);
        map.put("user", user);
        map.put("sizeBytes", sizeBytes);
        map.put("temporary", temporary);
        map.put("creatorPid", temporary ? creatorPid : null);
        map.put("creatorAlive", temporary ? creatorAlive : null);
        map.put("objects", objects);
        return map;
    }
}

package io.mproc.inspect;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the inspector read from one shared object file: where it is, whether it could be read and why not, its header,
 * the live processes that map it and, for a dump, its live state. Immutable; a snapshot of a moment.
 *
 * @param namespace        name of the namespace folder.
 * @param name             of the object (its file name).
 * @param path             of the file.
 * @param fileBytes        size of the file.
 * @param health           what could be made of it.
 * @param problem          why it is not {@link Health#OK}, naming the values; null when OK.
 * @param headerRead       true when the header's fields below were read from a trusted header.
 * @param kind             the kind's name, or {@code unknown(code)}.
 * @param kindVersion      the body's layout version, as {@code major.minor.patch}.
 * @param elementType      the element type's name, or {@code unknown(code)}.
 * @param length           element count, capacity or slots, as the header records.
 * @param bodyLength       bytes after the header, as the header records.
 * @param creatorPid       pid of the process that created it.
 * @param creatorAlive     true while that very process (same pid and start time) runs.
 * @param createdAtMs      when it was created, epoch milliseconds.
 * @param mappers          pids of the live processes that map it, ascending (Linux; empty elsewhere).
 * @param state            the decoded live state, field by field, for a dump; null otherwise.
 */
public record ObjectReport(
    String namespace,
    String name,
    String path,
    long fileBytes,
    Health health,
    String problem,
    boolean headerRead,
    String kind,
    String kindVersion,
    String elementType,
    long length,
    long bodyLength,
    long creatorPid,
    boolean creatorAlive,
    long createdAtMs,
    List<Long> mappers,
    Map<String, Object> state)
{
    /**
     * @return true when nothing uses the object any more: its creator is dead (read from a trusted header) and no live
     * process maps it. Files whose header cannot be trusted are never orphans: who made them is unknown.
     */
    public boolean orphan()
    {
        return headerRead && !creatorAlive && mappers.isEmpty();
    }

    /**
     * @param mappers of the file.
     * @return a copy with those mappers.
     */
    ObjectReport withMappers(final List<Long> mappers)
    {
        return new ObjectReport(namespace, name, path, fileBytes, health, problem, headerRead, kind, kindVersion,
            elementType, length, bodyLength, creatorPid, creatorAlive, createdAtMs, mappers, state);
    }

    /**
     * The report as ordered fields, for text and JSON alike, so both always carry the same facts.
     *
     * @return field name to value: strings, numbers, booleans, lists and nested maps.
     */
    public Map<String, Object> toMap()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("namespace", namespace);
        map.put("name", name);
        map.put("path", path);
        map.put("health", health.name());
        if (null != problem)
        {
            map.put("problem", problem);
        }
        map.put("fileBytes", fileBytes);
        if (headerRead)
        {
            map.put("kind", kind);
            map.put("kindVersion", kindVersion);
            map.put("elementType", elementType);
            map.put("length", length);
            map.put("bodyLength", bodyLength);
            map.put("creatorPid", creatorPid);
            map.put("creatorAlive", creatorAlive);
            map.put("createdAt", Instant.ofEpochMilli(createdAtMs).toString());
        }
        map.put("mappers", mappers);
        map.put("orphan", orphan());
        if (null != state)
        {
            map.put("state", state);
        }
        return map;
    }
}

package io.mproc.manager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.mproc.manager.ManagerProtocol.Ops.*;

/**
 * The objects a manager's server holds, by id, and the operations on them. Not thread-safe: with one server thread
 * every operation, functions included, runs in one step with respect to every other; with several, the server
 * threads hold {@link ObjectLocks} around each call, which keeps that so.
 */
final class ServerObjects
{
    /** Kinds of object, as {@link ManagerProtocol.Ops#CREATE} names them. Never renumber one. */
    static final int DICT = 1;
    static final int LIST = 2;
    static final int VALUE = 3;
    static final int NAMESPACE = 4;

    private final String managerName;
    private final HashMap<Long, Object> objects = new HashMap<>();
    private final HashMap<String, Long> named = new HashMap<>();
    private final Functions functions = new Functions();
    private long nextId = 1;

    ServerObjects(final String managerName)
    {
        this.managerName = managerName;
    }

    /**
     * Runs one operation.
     *
     * @return its result; for {@link ManagerProtocol.Ops#SNAPSHOT} the live object (the caller encodes or copies it).
     * @throws Exception whatever the operation or its function throws: it goes back to the caller.
     */
    Object execute(final int op, final long id, final Object a, final Object b, final Object c) throws Exception
    {
        if (0 == id)
        {
            return executeOnManager(op, a, b, c);
        }
        final Object target = objects.get(id);
        if (null == target)
        {
            throw new IllegalArgumentException("no object of that id in manager '" + managerName +
                "' (released, or from another manager): id=" + id);
        }
        if (op < GET)
        {
            return executeOnAny(op, target, a);
        }
        if (op < LIST_GET)
        {
            return executeOnDict(op, cast(target, Map.class, op), a, b, c);
        }
        if (op < VALUE_GET)
        {
            return executeOnList(op, cast(target, List.class, op), a, b);
        }
        if (op < ATTR_GET)
        {
            return executeOnValue(op, cast(target, ValueCell.class, op), a);
        }
        return executeOnAttributes(op, cast(target, Attributes.class, op), a, b);
    }

    private Object executeOnManager(final int op, final Object a, final Object b, final Object c)
    {
        switch (op)
        {
            case CREATE:
                return create((Integer)a, (String)b, c);
            case NEW_NAME:
                return nextId++;
            case RELEASE:
                return release((Long)a);
            case SHUTDOWN:
                return null;
            default:
                throw new IllegalArgumentException("unknown manager operation: op=" + op);
        }
    }

    private long create(final int kind, final String name, final Object initial)
    {
        if (null != name)
        {
            final Long existing = named.get(name);
            if (null != existing)
            {
                final int existingKind = kindOf(objects.get(existing));
                if (existingKind != kind)
                {
                    throw new IllegalArgumentException("manager object '" + name + "' exists as a " +
                        kindName(existingKind) + ", not a " + kindName(kind));
                }
                return existing;
            }
        }
        final Object object = switch (kind)
        {
            case DICT -> null == initial ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<?, ?>)initial);
            case LIST -> null == initial ? new ArrayList<>() : new ArrayList<>((Collection<?>)initial);
            case VALUE -> new ValueCell(initial);
            case NAMESPACE -> new Attributes();
            default -> throw new IllegalArgumentException("unknown kind of managed object: kind=" + kind);
        };
        final long id = nextId++;
        objects.put(id, object);
        if (null != name)
        {
            named.put(name, id);
        }
        return id;
    }

    private boolean release(final long id)
    {
        named.values().remove(id);
        return null != objects.remove(id);
    }

    private Object executeOnAny(final int op, final Object target, final Object a) throws Exception
    {
        switch (op)
        {
            case APPLY:
            {
                @SuppressWarnings("unchecked")
                final Function<Object, Object> function = (Function<Object, Object>)functions.resolve(a);
                return function.apply(target instanceof ValueCell ? ((ValueCell)target).value : target);
            }
            case SNAPSHOT:
                // a namespace's attributes travel as a plain map; the others as they are (the caller copies)
                return target instanceof ValueCell ? ((ValueCell)target).value :
                    target instanceof Attributes ? new LinkedHashMap<>((Attributes)target) : target;
            case SIZE:
                return target instanceof Map ? ((Map<?, ?>)target).size() : cast(target, List.class, op).size();
            case CLEAR:
                if (target instanceof Map)
                {
                    ((Map<?, ?>)target).clear();
                }
                else
                {
                    cast(target, List.class, op).clear();
                }
                return null;
            default:
                throw new IllegalArgumentException("unknown operation: op=" + op);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object executeOnDict(final int op, final Map map, final Object a, final Object b, final Object c)
        throws Exception
    {
        switch (op)
        {
            case GET: return map.get(a);
            case PUT: return map.put(a, b);
            case REMOVE: return map.remove(a);
            case REMOVE_VALUE: return map.remove(a, b);
            case CONTAINS_KEY: return map.containsKey(a);
            case CONTAINS_VALUE: return map.containsValue(a);
            case GET_OR_DEFAULT: return map.getOrDefault(a, b);
            case PUT_IF_ABSENT: return map.putIfAbsent(a, b);
            case REPLACE: return map.replace(a, b);
            case REPLACE_VALUE: return map.replace(a, b, c);
            case PUT_ALL:
                map.putAll((Map)a);
                return null;
            case COMPUTE: return map.compute(a, (BiFunction)functions.resolve(b));
            case COMPUTE_IF_ABSENT: return map.computeIfAbsent(a, (Function)functions.resolve(b));
            case COMPUTE_IF_PRESENT: return map.computeIfPresent(a, (BiFunction)functions.resolve(b));
            case MERGE: return map.merge(a, b, (BiFunction)functions.resolve(c));
            default: throw new IllegalArgumentException("unknown dict operation: op=" + op);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object executeOnList(final int op, final List list, final Object a, final Object b) throws Exception
    {
        switch (op)
        {
            case LIST_GET: return list.get((Integer)a);
            case LIST_SET: return list.set((Integer)a, b);
            case LIST_ADD: return list.add(a);
            case LIST_ADD_AT:
                list.add((Integer)a, b);
                return null;
            case LIST_REMOVE_AT: return list.remove((int)(Integer)a);
            case LIST_REMOVE: return list.remove(a);
            case LIST_ADD_ALL: return list.addAll((Collection)a);
            case LIST_INDEX_OF: return list.indexOf(a);
            case LIST_LAST_INDEX_OF: return list.lastIndexOf(a);
            case LIST_CONTAINS: return list.contains(a);
            case LIST_REPLACE_ALL:
            {
                final Function function = (Function)functions.resolve(a);
                list.replaceAll((element) -> function.apply(element));
                return null;
            }
            case LIST_UPDATE:
            {
                final int index = (Integer)a;
                final Object updated = ((Function)functions.resolve(b)).apply(list.get(index));
                list.set(index, updated);
                return updated;
            }
            default: throw new IllegalArgumentException("unknown list operation: op=" + op);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object executeOnValue(final int op, final ValueCell cell, final Object a) throws Exception
    {
        switch (op)
        {
            case VALUE_GET: return cell.value;
            case VALUE_SET:
                cell.value = a;
                return null;
            case VALUE_UPDATE:
                cell.value = ((Function)functions.resolve(a)).apply(cell.value);
                return cell.value;
            default: throw new IllegalArgumentException("unknown value operation: op=" + op);
        }
    }

    private Object executeOnAttributes(final int op, final Attributes attributes, final Object a, final Object b)
    {
        switch (op)
        {
            case ATTR_GET:
            {
                final Object value = attributes.get(a);
                if (null == value && !attributes.containsKey(a))
                {
                    throw new NoSuchElementException("no attribute '" + a + "' in this namespace of manager '" +
                        managerName + "' (set it first): attributes=" + attributes.keySet());
                }
                return value;
            }
            case ATTR_SET:
                attributes.put((String)a, b);
                return null;
            case ATTR_DELETE:
            {
                final boolean present = attributes.containsKey(a);
                attributes.remove(a);
                return present;
            }
            default: throw new IllegalArgumentException("unknown namespace operation: op=" + op);
        }
    }

    private <T> T cast(final Object target, final Class<T> type, final int op)
    {
        if (!type.isInstance(target))
        {
            throw new IllegalArgumentException("operation " + op + " is not for a " +
                kindName(kindOf(target)) + " of manager '" + managerName + "'");
        }
        return type.cast(target);
    }

    private static int kindOf(final Object object)
    {
        return object instanceof Attributes ? NAMESPACE : object instanceof Map ? DICT :
            object instanceof List ? LIST : VALUE;
    }

    static String kindName(final int kind)
    {
        return switch (kind)
        {
            case DICT -> "dict";
            case LIST -> "list";
            case VALUE -> "value";
            case NAMESPACE -> "namespace";
            default -> "kind " + kind;
        };
    }

    /** A managed value: one mutable reference. */
    static final class ValueCell
    {
        Object value;

        ValueCell(final Object value)
        {
            this.value = value;
        }
    }

    /** A managed namespace's attributes, distinct from a dict. */
    static final class Attributes extends LinkedHashMap<String, Object>
    {
        private static final long serialVersionUID = 1L;
    }
}

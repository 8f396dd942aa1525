package io.mproc.queue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * What the value codec needs of a record class, found once per class: its components' names, types and accessors,
 * and its canonical constructor, the only way a record is ever instantiated from a message. Accessors and the
 * constructor are method handles typed on {@code Object}, which cost less per call than reflection.
 */
final class RecordShape
{
    /** The shape of a class that is not a record. */
    private static final RecordShape NOT_A_RECORD = new RecordShape();

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>()
    {
        protected RecordShape computeValue(final Class<?> type)
        {
            return type.isRecord() ? new RecordShape(type) : NOT_A_RECORD;
        }
    };

    private final String[] names;
    private final Class<?>[] types;
    /** The types a component's value must have: the boxes of primitive components. */
    private final Class<?>[] valueTypes;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;

    private RecordShape()
    {
        names = new String[0];
        types = new Class<?>[0];
        valueTypes = types;
        accessors = new MethodHandle[0];
        constructor = null;
    }

    private RecordShape(final Class<?> type)
    {
        final RecordComponent[] components = type.getRecordComponents();
        names = new String[components.length];
        types = new Class<?>[components.length];
        valueTypes = new Class<?>[components.length];
        accessors = new MethodHandle[components.length];
        final MethodHandles.Lookup lookup = MethodHandles.lookup();
        try
        {
            for (int i = 0; i < components.length; i++)
            {
                names[i] = components[i].getName();
                types[i] = components[i].getType();
                valueTypes[i] = MethodType.methodType(types[i]).wrap().returnType();
                final Method accessor = components[i].getAccessor();
                accessor.setAccessible(true); // a record nested privately in the user's class is still a record
                accessors[i] = lookup.unreflect(accessor).asType(MethodType.methodType(Object.class, Object.class));
            }
            final Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            constructor = lookup.unreflectConstructor(canonical).asSpreader(Object[].class, components.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
        }
        catch (final NoSuchMethodException | IllegalAccessException ex)
        {
            throw new IllegalStateException("record's accessors or canonical constructor cannot be used: " +
                type.getName(), ex);
        }
    }

    /**
     * @param type a class.
     * @return its shape, or null when it is not a record.
     * @throws RuntimeException when its members cannot be made accessible (a record in a module that is not open).
     */
    static RecordShape of(final Class<?> type)
    {
        final RecordShape shape = SHAPES.get(type);
        return NOT_A_RECORD == shape ? null : shape;
    }

    int componentCount()
    {
        return names.length;
    }

    String componentName(final int index)
    {
        return names[index];
    }

    Class<?> componentType(final int index)
    {
        return types[index];
    }

    /**
     * @return true when value may be passed as that component: of its type (boxed for a primitive, then not null).
     */
    boolean accepts(final int index, final Object value)
    {
        return null == value ? !types[index].isPrimitive() : valueTypes[index].isInstance(value);
    }

    Object component(final Object record, final int index)
    {
        try
        {
            return accessors[index].invokeExact(record);
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new UnsendableValueException(record.getClass().getName(),
                "its accessor " + names[index] + "() threw " + ex, ex);
        }
    }

    /**
     * @throws ReflectiveOperationException wrapping what the record's constructor threw when it refused the
     * components.
     */
    Object construct(final Object[] components) throws ReflectiveOperationException
    {
        try
        {
            return constructor.invokeExact(components);
        }
        catch (final Throwable ex)
        {
            throw new java.lang.reflect.InvocationTargetException(ex);
        }
    }
}

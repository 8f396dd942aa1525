package io.mproc.queue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * What the value codec needs of a record class, found once per class: its components' names, types and accessors,
 * and its canonical constructor, the only way a record is ever instantiated from a message.
 */
final class RecordShape
{
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>()
    {
        protected RecordShape computeValue(final Class<?> type)
        {
            return new RecordShape(type);
        }
    };

    private final String[] names;
    private final Class<?>[] types;
    private final Method[] accessors;
    private final Constructor<?> constructor;

    private RecordShape(final Class<?> type)
    {
        final RecordComponent[] components = type.getRecordComponents();
        names = new String[components.length];
        types = new Class<?>[components.length];
        accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++)
        {
            names[i] = components[i].getName();
            types[i] = components[i].getType();
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true); // a record nested privately in the user's class is still a record
        }
        try
        {
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        }
        catch (final NoSuchMethodException ex)
        {
            throw new IllegalStateException("record has no canonical constructor: " + type.getName(), ex);
        }
    }

    /**
     * @param type a record class.
     * @return its shape.
     * @throws RuntimeException when its members cannot be made accessible (a record in a module that is not open).
     */
    static RecordShape of(final Class<?> type)
    {
        return SHAPES.get(type);
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

    Object component(final Object record, final int index)
    {
        try
        {
            return accessors[index].invoke(record);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InvocationTargetException ex)
        {
            throw new UnsendableValueException(record.getClass().getName(),
                "its accessor " + names[index] + "() threw " + ex.getCause(), ex.getCause());
        }
    }

    /**
     * @throws InvocationTargetException when the record's constructor refuses the components.
     */
    Object construct(final Object[] components) throws InvocationTargetException
    {
        try
        {
            return constructor.newInstance(components);
        }
        catch (final InstantiationException | IllegalAccessException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

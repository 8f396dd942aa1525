package io.mproc.memory;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Paths;

/**
 * The serialised form of a {@link SharedObject}: which type, in which namespace folder, under which name.
 * Deserialising it opens the object again in the receiving process, so the receiver gets the same memory rather
 * than a copy. Only subclasses of {@link SharedObject} are ever instantiated from it.
 *
 * @param typeName      class name of the shared object's type.
 * @param namespacePath folder of the namespace.
 * @param name          of the object in the namespace.
 * @param qualifier     which view of the object (such as a pipe's end), or null; when present the type's
 *                      {@code open(Namespace, String, String)} is used.
 */
public record SharedObjectRef(String typeName, String namespacePath, String name, String qualifier)
    implements Serializable
{
    /**
     * Opens the object this reference names.
     *
     * @return a live handle.
     * @throws ObjectStreamException when the type is not a shared object or cannot be opened.
     */
    public Object readResolve() throws ObjectStreamException
    {
        try
        {
            Namespace.validateName(name);
            final ClassLoader loader = Thread.currentThread().getContextClassLoader();
            final Class<?> type = Class.forName(typeName, false, null == loader ? getClass().getClassLoader() : loader);
            if (!SharedObject.class.isAssignableFrom(type))
            {
                throw new InvalidObjectException("not a shared object type: " + typeName);
            }
            final Namespace namespace = Namespace.shared(Paths.get(namespacePath));
            final Method open = null == qualifier ?
                type.getMethod("open", Namespace.class, String.class) :
                type.getMethod("open", Namespace.class, String.class, String.class);
            if (!Modifier.isStatic(open.getModifiers()) || !type.isAssignableFrom(open.getReturnType()))
            {
                throw new InvalidObjectException("shared object type has no static open method: " + typeName);
            }
            return null == qualifier ? open.invoke(null, namespace, name) : open.invoke(null, namespace, name, qualifier);
        }
        catch (final ClassNotFoundException | NoSuchMethodException | IllegalAccessException |
            IllegalArgumentException ex)
        {
            final InvalidObjectException invalid = new InvalidObjectException("cannot open shared object " + this);
            invalid.initCause(ex);
            throw invalid;
        }
        catch (final InvocationTargetException ex)
        {
            final InvalidObjectException invalid = new InvalidObjectException("cannot open shared object " + this);
            invalid.initCause(ex.getCause());
            throw invalid;
        }
    }
}

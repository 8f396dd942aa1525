package io.mproc.process;

import io.mproc.memory.SharedObject;
import io.mproc.memory.SharedObjectRef;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.StreamCorruptedException;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast way a task travels: a lambda or method reference whose body is a static method, with only simple
 * values (null, strings, boxed primitives) and shared objects as captured values and arguments, is sent as
 * "call this static method with these values" and called directly in the child.
 * <p>
 * Why: in a new JVM, Java serialisation of a lambda loads and links {@code ObjectInputStream},
 * {@code SerializedLambda} and the lambda metafactory, which costs ~40-60 ms on this project's machines: more than
 * the JVM takes to reach {@code main}. The call has the same effect as deserialising the lambda and calling it.
 * Anything else (a task class, an instance method reference, an argument of another type) goes by serialisation.
 *
 * @param className     of the static method.
 * @param methodName    of the static method (for a lambda, its synthetic {@code lambda$...} body).
 * @param descriptor    JVM method descriptor, e.g. {@code (ILjava/lang/String;)V}.
 * @param arguments     captured values, then the task's arguments: simple values and {@link SharedObjectRef}s.
 */
record StaticCall(String className, String methodName, String descriptor, List<Object> arguments)
{
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte BOOLEAN = 2;
    private static final byte BYTE = 3;
    private static final byte SHORT = 4;
    private static final byte CHAR = 5;
    private static final byte INT = 6;
    private static final byte LONG = 7;
    private static final byte FLOAT = 8;
    private static final byte DOUBLE = 9;
    private static final byte SHARED_OBJECT = 10;

    /**
     * @param task          the lambda, or null.
     * @param taskArguments given with it.
     * @return the call, or null when the task must go by serialisation.
     */
    static StaticCall of(final Object task, final Object... taskArguments)
    {
        final SerializedLambda lambda = serializedLambda(task);
        if (null == lambda || MethodHandleInfo.REF_invokeStatic != lambda.getImplMethodKind())
        {
            return null;
        }
        final List<Object> arguments = new ArrayList<>(lambda.getCapturedArgCount() + taskArguments.length);
        for (int i = 0; i < lambda.getCapturedArgCount(); i++)
        {
            arguments.add(lambda.getCapturedArg(i));
        }
        arguments.addAll(asList(taskArguments));
        for (int i = 0; i < arguments.size(); i++)
        {
            final Object argument = arguments.get(i);
            if (argument instanceof SharedObject)
            {
                final SharedObject shared = (SharedObject)argument;
                arguments.set(i, shared.ref());
            }
            else if (!isSimple(argument))
            {
                return null;
            }
        }
        final String className = lambda.getImplClass().replace('/', '.');
        try
        {
            if (Class.forName(className, false, task.getClass().getClassLoader()).getModule().isNamed())
            {
                return null; // the child could not make a private lambda body of a named module accessible
            }
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            return null;
        }
        return new StaticCall(className, lambda.getImplMethodName(), lambda.getImplMethodSignature(), arguments);
    }

    void writeTo(final DataOutputStream out) throws IOException
    {
        out.writeUTF(className);
        out.writeUTF(methodName);
        out.writeUTF(descriptor);
        out.writeInt(arguments.size());
        for (final Object argument : arguments)
        {
            writeValue(out, argument);
        }
    }

    static StaticCall readFrom(final DataInputStream in) throws IOException
    {
        final String className = in.readUTF();
        final String methodName = in.readUTF();
        final String descriptor = in.readUTF();
        final int count = in.readInt();
        if (count < 0 || count > 255)
        {
            throw new StreamCorruptedException("static call argument count out of range: count=" + count);
        }
        final List<Object> arguments = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            arguments.add(readValue(in));
        }
        return new StaticCall(className, methodName, descriptor, arguments);
    }

    /**
     * Finds the method and resolves the shared objects among the arguments, in the child, before the call: what
     * fails here fails the child's start.
     *
     * @return the call, ready to make.
     * @throws ReflectiveOperationException when the class or method is not found.
     * @throws ObjectStreamException        when a shared object cannot be opened.
     */
    Bound bind() throws ReflectiveOperationException, ObjectStreamException
    {
        final ClassLoader loader = StaticCall.class.getClassLoader();
        final Class<?> type = Class.forName(className, true, loader);
        final Method method = type.getDeclaredMethod(methodName, parameterTypes(descriptor, loader));
        method.setAccessible(true); // a lambda body is private
        final Object[] values = arguments.toArray();
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] instanceof SharedObjectRef)
            {
                values[i] = resolve((SharedObjectRef)values[i]);
            }
        }
        return new Bound(method, values);
    }

    /**
     * A static call with its method found and its arguments resolved.
     */
    static final class Bound
    {
        private final Method method;
        private final Object[] values;

        Bound(final Method method, final Object[] values)
        {
            this.method = method;
            this.values = values;
        }

        /**
         * Makes the call, in the child.
         *
         * @throws Throwable whatever the method throws.
         */
        void invoke() throws Throwable
        {
            try
            {
                method.invoke(null, values);
            }
            catch (final InvocationTargetException ex)
            {
                throw ex.getCause();
            }
        }
    }

    private static Object resolve(final SharedObjectRef ref) throws ObjectStreamException
    {
        return ref.readResolve();
    }

    private static SerializedLambda serializedLambda(final Object task)
    {
        if (null == task || !task.getClass().isSynthetic())
        {
            return null; // lambda proxy classes are synthetic; a named task class goes by serialisation
        }
        try
        {
            final Method writeReplace = task.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            final Object replacement = writeReplace.invoke(task);
            return replacement instanceof SerializedLambda ? (SerializedLambda)replacement : null;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return null; // not accessible from here (a named module): serialisation will do
        }
    }

    private static List<Object> asList(final Object[] values)
    {
        final List<Object> list = new ArrayList<>(values.length);
        for (final Object value : values)
        {
            list.add(value);
        }
        return list;
    }

    private static boolean isSimple(final Object value)
    {
        return null == value || value instanceof String || value instanceof Boolean || value instanceof Byte ||
            value instanceof Short || value instanceof Character || value instanceof Integer || value instanceof Long ||
            value instanceof Float || value instanceof Double;
    }

    private static void writeValue(final DataOutputStream out, final Object value) throws IOException
    {
        if (null == value)
        {
            out.writeByte(NULL);
        }
        else if (value instanceof String)
        {
            out.writeByte(STRING);
            final byte[] bytes = ((String)value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        else if (value instanceof Boolean)
        {
            out.writeByte(BOOLEAN);
            out.writeBoolean((Boolean)value);
        }
        else if (value instanceof Byte)
        {
            out.writeByte(BYTE);
            out.writeByte((Byte)value);
        }
        else if (value instanceof Short)
        {
            out.writeByte(SHORT);
            out.writeShort((Short)value);
        }
        else if (value instanceof Character)
        {
            out.writeByte(CHAR);
            out.writeChar((Character)value);
        }
        else if (value instanceof Integer)
        {
            out.writeByte(INT);
            out.writeInt((Integer)value);
        }
        else if (value instanceof Long)
        {
            out.writeByte(LONG);
            out.writeLong((Long)value);
        }
        else if (value instanceof Float)
        {
            out.writeByte(FLOAT);
            out.writeFloat((Float)value);
        }
        else if (value instanceof Double)
        {
            out.writeByte(DOUBLE);
            out.writeDouble((Double)value);
        }
        else
        {
            final SharedObjectRef ref = (SharedObjectRef)value;
            out.writeByte(SHARED_OBJECT);
            out.writeUTF(ref.typeName());
            out.writeUTF(ref.namespacePath());
            out.writeUTF(ref.name());
            out.writeUTF(null == ref.qualifier() ? "" : ref.qualifier());
        }
    }

    private static Object readValue(final DataInputStream in) throws IOException
    {
        final byte tag = in.readByte();
        switch (tag)
        {
            case NULL:
                return null;
            case STRING:
                final int length = in.readInt();
                if (length < 0 || length > ChildLaunch.MAX_LENGTH)
                {
                    throw new StreamCorruptedException("static call string length out of range: length=" + length);
                }
                final byte[] bytes = new byte[length];
                in.readFully(bytes);
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            case BOOLEAN:
                return in.readBoolean();
            case BYTE:
                return in.readByte();
            case SHORT:
                return in.readShort();
            case CHAR:
                return in.readChar();
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case FLOAT:
                return in.readFloat();
            case DOUBLE:
                return in.readDouble();
            case SHARED_OBJECT:
            {
                final String typeName = in.readUTF();
                final String namespacePath = in.readUTF();
                final String name = in.readUTF();
                final String qualifier = in.readUTF();
                return new SharedObjectRef(typeName, namespacePath, name, qualifier.isEmpty() ? null : qualifier);
            }
            default:
                throw new StreamCorruptedException("unknown static call value tag: tag=" + tag);
        }
    }

    /**
     * Parameter types of a JVM method descriptor, e.g. {@code (I[JLjava/lang/String;)V}.
     */
    static Class<?>[] parameterTypes(final String descriptor, final ClassLoader loader) throws ClassNotFoundException
    {
        final List<Class<?>> types = new ArrayList<>();
        int i = 1; // after '('
        while (')' != descriptor.charAt(i))
        {
            final int start = i;
            while ('[' == descriptor.charAt(i))
            {
                i++;
            }
            if ('L' == descriptor.charAt(i))
            {
                i = descriptor.indexOf(';', i);
            }
            final String type = descriptor.substring(start, i + 1);
            i++;
            if (type.startsWith("["))
            {
                types.add(Class.forName(type.replace('/', '.'), false, loader));
            }
            else if (type.startsWith("L"))
            {
                types.add(Class.forName(type.substring(1, type.length() - 1).replace('/', '.'), false, loader));
            }
            else
            {
                types.add(primitive(type.charAt(0)));
            }
        }
        return types.toArray(new Class<?>[0]);
    }

    private static Class<?> primitive(final char code)
    {
        switch (code)
        {
            case 'Z':
                return boolean.class;
            case 'B':
                return byte.class;
            case 'S':
                return short.class;
            case 'C':
                return char.class;
            case 'I':
                return int.class;
            case 'J':
                return long.class;
            case 'F':
                return float.class;
            case 'D':
                return double.class;
            default:
                throw new IllegalArgumentException("not a primitive type code in a method descriptor: code=" + code);
        }
    }
}

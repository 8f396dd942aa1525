package io.mproc.process;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Which tasks travel as a static call, and the descriptor parsing the child relies on; in-process.
 */
class StaticCallTest
{
    @Test
    void shouldSendStaticMethodReferenceWithSimpleArgumentsAsStaticCall()
    {
        final SerializableConsumer<Integer> task = StaticCallTest::target;
        final StaticCall call = StaticCall.of(task, 7);

        assertNotNull(call);
        assertEquals(StaticCallTest.class.getName(), call.className());
        assertEquals("target", call.methodName());
        assertEquals("(I)V", call.descriptor());
        assertEquals(List.of(7), call.arguments());
    }

    @Test
    void shouldSendCapturingLambdaWithItsCapturedValues()
    {
        final String text = Integer.toString(42); // not a constant, so the lambda captures it
        final SerializableRunnable task = () -> target(text.length());
        final StaticCall call = StaticCall.of(task);

        assertNotNull(call);
        assertEquals(List.of(text), call.arguments());
    }

    @Test
    void shouldLeaveOtherTasksToSerialization()
    {
        final Object notSimple = new java.util.ArrayList<String>();
        final SerializableRunnable capturing = () -> target(notSimple.hashCode());
        final SerializableRunnable taskClass = new TaskClass();
        final SerializableConsumer<Integer> withObjectArgument = StaticCallTest::target;

        assertNull(StaticCall.of(capturing));
        assertNull(StaticCall.of(taskClass));
        assertNull(StaticCall.of(withObjectArgument, List.of(1)));
    }

    @Test
    void shouldParseParameterTypesOfDescriptor() throws Exception
    {
        assertArrayEquals(new Class<?>[]{int.class, long[].class, String.class, String[][].class, boolean.class},
            StaticCall.parameterTypes("(I[JLjava/lang/String;[[Ljava/lang/String;Z)V", getClass().getClassLoader()));
        assertArrayEquals(new Class<?>[0], StaticCall.parameterTypes("()V", getClass().getClassLoader()));
    }

    static void target(final int value)
    {
    }

    static final class TaskClass implements SerializableRunnable
    {
        private static final long serialVersionUID = 1L;

        public void run()
        {
        }
    }
}

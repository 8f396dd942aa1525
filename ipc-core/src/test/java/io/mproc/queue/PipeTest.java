package io.mproc.queue;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipeTest extends MultiProcessTest
{
    @Test
    @Timeout(20)
    void shouldSendBothWaysAndSeeEndOfFileAfterClose() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "duplex"))
        {
            final Connection left = pipe.left();
            final Connection right = pipe.right();
            left.send("ping");
            assertTrue(right.poll(1, TimeUnit.SECONDS));
            assertEquals("ping", right.recv());
            right.sendBytes(new byte[]{1, 2});
            assertArrayEquals(new byte[]{1, 2}, left.recvBytes());
            assertFalse(left.poll(0, TimeUnit.MILLISECONDS));

            right.send(42L);
            right.close();
            assertEquals(42L, left.recv(), "what was sent before close is still received");
            final EOFException ex = assertThrows(EOFException.class, left::recv);
            assertTrue(ex.getMessage().contains("peer is gone"), ex.getMessage());
            assertThrows(IllegalStateException.class, () -> right.send("closed end"));
        }
    }

    @Test
    @Timeout(20)
    void shouldRejectOversizedMessage() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "small", 1024, AllowList.NONE, io.mproc.sync.WaitStrategies.processDefault()))
        {
            final MessageTooLargeException ex = assertThrows(MessageTooLargeException.class,
                () -> pipe.left().send(new byte[200]));
            assertEquals(200, ex.length());
            assertEquals(128, ex.maxLength());
        }
    }

    @Test
    @Timeout(60)
    void shouldTalkToAnotherProcessAndSeeEndOfFileWhenItDies() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "cross"))
        {
            final Connection parentEnd = pipe.left();
            child = ChildJvm.start(EchoMain.class, serialize(pipe.right()));
            parentEnd.send("Hello World");
            assertEquals("echo: Hello World", parentEnd.recv());
            child.awaitLine("ECHOED", Duration.ofSeconds(30));
            child.kill();
            assertThrows(EOFException.class, parentEnd::recv, "peer death is noticed");
        }
    }

    @Test
    @Timeout(60)
    void shouldSeeEndOfFileWhenPeerDiesBeforeUsingItsEnd() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "opened-only"))
        {
            child = ChildJvm.start(OpenAndHangMain.class, serialize(pipe.right()));
            child.awaitLine("OPENED", Duration.ofSeconds(30));
            child.kill();
            final EOFException ex = assertThrows(EOFException.class, pipe.left()::recv,
                "an opened end counts as a peer from the moment it is opened: its death is end of file");
            assertTrue(ex.getMessage().contains("peer is gone"), ex.getMessage());
        }
    }

    @Test
    @Timeout(60)
    void shouldSeeEndOfFileWhenOtherProcessClosesItsEnd() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "closer"))
        {
            child = ChildJvm.start(SendAndCloseMain.class, serialize(pipe.right()));
            assertEquals("Hello World", pipe.left().recv());
            assertThrows(EOFException.class, pipe.left()::recv);
            child.assertSuccess(Duration.ofSeconds(30));
        }
    }

    @Test
    @Timeout(60)
    void shouldCarryOneWayPipeToAnotherProcessAndRefuseTheWrongDirection() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "one-way", false))
        {
            final Connection reader = pipe.left();
            assertFalse(pipe.isDuplex());
            assertTrue(reader.isReadable());
            assertFalse(reader.isWritable());
            final IllegalStateException wrongWay = assertThrows(IllegalStateException.class, () -> reader.send("x"));
            assertTrue(wrongWay.getMessage().contains("only receives"), wrongWay.getMessage());

            child = ChildJvm.start(SendOneWayAndCloseMain.class, serialize(pipe.right()));
            assertEquals("Hello World", reader.recv());
            assertThrows(EOFException.class, reader::recv);
            child.assertSuccess(Duration.ofSeconds(30));
            assertTrue(child.stdout().contains("RECV REFUSED: this end of a one-way pipe only sends"),
                String.join("\n", child.stdout()));
        }
    }

    private static String serialize(final Object value) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static Connection deserialize(final String text) throws Exception
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text))))
        {
            return (Connection)in.readObject();
        }
    }

    /**
     * Child: receives its end of the pipe by serialisation (as a process argument would), echoes one message, then
     * waits to be killed.
     */
    public static final class EchoMain
    {
        public static void main(final String[] args) throws Exception
        {
            ChildJvm.exitWhenParentDies();
            final Connection connection = deserialize(args[0]);
            connection.send("echo: " + connection.recv());
            System.out.println("ECHOED");
            ChildJvm.blockUntilKilled();
        }
    }

    /**
     * Child: receives its end of the pipe, says so, and waits to be killed without ever using it.
     */
    public static final class OpenAndHangMain
    {
        public static void main(final String[] args) throws Exception
        {
            ChildJvm.exitWhenParentDies();
            final Connection connection = deserialize(args[0]);
            System.out.println("OPENED " + connection.end());
            ChildJvm.blockUntilKilled();
        }
    }

    /**
     * Child: holds the sending end of a one-way pipe (which arrives knowing it), is refused a receive, sends one
     * message and closes its end.
     */
    public static final class SendOneWayAndCloseMain
    {
        public static void main(final String[] args) throws Exception
        {
            ChildJvm.exitWhenParentDies();
            final Connection connection = deserialize(args[0]);
            try
            {
                connection.recv();
            }
            catch (final IllegalStateException ex)
            {
                System.out.println("RECV REFUSED: " + ex.getMessage().substring(0, ex.getMessage().indexOf(':')));
            }
            connection.send("Hello World");
            connection.close();
        }
    }

    /**
     * Child: sends one message and closes its end.
     */
    public static final class SendAndCloseMain
    {
        public static void main(final String[] args) throws Exception
        {
            ChildJvm.exitWhenParentDies();
            final Connection connection = deserialize(args[0]);
            connection.send("Hello World");
            connection.close();
        }
    }
}

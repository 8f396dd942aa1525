package io.mproc.queue;

import io.mproc.test.ChildJvm;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows of CPython's multiprocessing tests for {@code Connection}: {@code send(None)}, {@code send_bytes(buf, offset,
 * size)} with its bounds checks, and {@code recv_bytes_into(buf[, offset])} with {@code BufferTooShort}, between JVMs.
 */
class ConnectionParityTest extends MultiProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Timeout(60)
    void shouldSendNullAndPartsOfArraysAndReceiveBytesIntoBuffersAcrossProcesses() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "parity"))
        {
            final Connection parent = pipe.left();
            child = ChildJvm.start(PeerMain.class, serialize(pipe.right()));

            parent.send(null);
            assertEquals("GOT null", child.awaitLine("GOT", TIMEOUT), "None travels to the other process");
            assertNull(parent.recv(), "and back: recv() returns null");

            parent.sendBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII), 2, 3);
            assertEquals("BYTES cde", child.awaitLine("BYTES", TIMEOUT), "only the part asked for is sent");
            parent.sendBytes(new byte[4], 4, 0);
            assertEquals("BYTES ", child.awaitLine("BYTES ", TIMEOUT).substring(0, 6), "an empty part at the end");

            final byte[] buffer = new byte[10];
            Arrays.fill(buffer, (byte)'.');
            assertEquals(5, parent.recvBytesInto(buffer, 3), "the child sent 'hello' from '--hello--', 2, 5");
            assertEquals("...hello..", new String(buffer, StandardCharsets.US_ASCII));
            assertEquals(4, parent.recvBytesInto(buffer));
            assertEquals("fitsello..", new String(buffer, StandardCharsets.US_ASCII), "written from 0, the rest kept");

            final BufferTooShortException tooShort =
                assertThrows(BufferTooShortException.class, () -> parent.recvBytesInto(new byte[16], 8));
            assertArrayEquals(new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, tooShort.message(),
                "the whole message is handed back, as Python's BufferTooShort.args[0]");
            assertTrue(tooShort.getMessage().contains("offset=8, buffer length=16"), tooShort.getMessage());
            assertArrayEquals("next".getBytes(StandardCharsets.US_ASCII), parent.recvBytes(),
                "the message after it is intact: nothing lost, nothing left half-read");
            child.assertSuccess(TIMEOUT);
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseOutOfBoundsPartsAsPythonDoesAndSendNothing() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "bounds"))
        {
            final Connection left = pipe.left();
            final byte[] bytes = new byte[8];
            assertRefused("offset is negative: offset=-1", () -> left.sendBytes(bytes, -1, 1));
            assertRefused("buffer length < offset: offset=9, buffer length=8", () -> left.sendBytes(bytes, 9, 0));
            assertRefused("size is negative: size=-1", () -> left.sendBytes(bytes, 0, -1));
            assertRefused("buffer length < offset + size: offset=5, size=4, buffer length=8",
                () -> left.sendBytes(bytes, 5, 4));
            assertRefused("buffer length < offset + size: offset=1, size=2147483647, buffer length=8",
                () -> left.sendBytes(bytes, 1, Integer.MAX_VALUE));
            assertFalse(pipe.right().poll(0, java.util.concurrent.TimeUnit.MILLISECONDS), "nothing was sent");

            left.sendBytes(bytes, 0, 8);
            assertRefused("negative offset: offset=-1", () -> pipe.right().recvBytesInto(new byte[8], -1));
            assertRefused("offset out of bounds: offset=9, buffer length=8",
                () -> pipe.right().recvBytesInto(new byte[8], 9));
            assertEquals(8, pipe.right().recvBytesInto(new byte[8], 0), "a refused offset received nothing");
        }
    }

    @Test
    @Timeout(30)
    void shouldRefuseValueInRecvBytesIntoNamingItsType() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace, "value"))
        {
            pipe.left().send("text");
            pipe.left().send(null);
            final IllegalStateException text =
                assertThrows(IllegalStateException.class, () -> pipe.right().recvBytesInto(new byte[8]));
            assertTrue(text.getMessage().contains("type=java.lang.String"), text.getMessage());
            final IllegalStateException none = assertThrows(IllegalStateException.class, pipe.right()::recvBytes);
            assertTrue(none.getMessage().contains("type=null"), none.getMessage());
        }
    }

    private static void assertRefused(final String message, final org.junit.jupiter.api.function.Executable call)
    {
        final IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, call);
        assertEquals(message, ex.getMessage());
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

    /**
     * Child: receives a value and says what it was, sends null back, says which bytes it receives (twice), then
     * sends 'hello' out of '--hello--', 'fits', ten bytes 0..9 and 'next', and closes its end.
     */
    public static final class PeerMain
    {
        public static void main(final String[] args) throws Exception
        {
            ChildJvm.exitWhenParentDies();
            final Connection connection;
            try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(args[0]))))
            {
                connection = (Connection)in.readObject();
            }
            System.out.println("GOT " + connection.recv());
            connection.send(null);
            System.out.println("BYTES " + new String(connection.recvBytes(), StandardCharsets.US_ASCII));
            System.out.println("BYTES " + new String(connection.recvBytes(), StandardCharsets.US_ASCII));
            connection.sendBytes("--hello--".getBytes(StandardCharsets.US_ASCII), 2, 5);
            connection.sendBytes("fits".getBytes(StandardCharsets.US_ASCII));
            connection.sendBytes(new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
            connection.sendBytes("next".getBytes(StandardCharsets.US_ASCII));
            connection.close();
        }
    }
}

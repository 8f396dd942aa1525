package io.mproc.bench.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.mproc.queue.AllowList;
import io.mproc.queue.ObjectCodec;
import org.agrona.ExpandableArrayBuffer;
import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Encode + decode of one message, in one thread, by each candidate encoding of ordinary Java values: mproc's
 * {@link ObjectCodec} (the tagged value tree, {@code ObjectCodec.VALUE}), Java serialisation with the allow-list
 * filter (what {@code ObjectCodec} did for records and maps before), Kryo 5 and Apache Fory, both with class
 * registration required (their allow-list). Payloads: a record of 4 fields, a {@code HashMap<String, Integer>} of
 * 1,000 entries, and a {@code Long} (the primitive path, as a baseline). Each candidate's bytes per message are
 * printed at setup ({@code bytes/message ...}) and by {@link #main}. Every round trip is checked once at setup.
 * <pre>
 * java -jar ipc-bench/target/benchmarks.jar CodecBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * java -cp ipc-bench/target/benchmarks.jar io.mproc.bench.codec.CodecBenchmark   (sizes only)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark
{
    @Param({"record", "map1000", "long"})
    public String payload;

    @Param({"mproc-value", "java-serialization", "kryo", "fory"})
    public String candidate;

    private Object value;
    private RoundTrip roundTrip;

    /** A small record of the kind a queue carries: 4 fields. */
    public record Trade(long id, String symbol, double price, int quantity) implements Serializable
    {
    }

    /** One candidate: encodes the value into its reusable buffer and decodes it back. */
    interface RoundTrip
    {
        /**
         * @return the bytes of the encoded message.
         */
        int encode(Object value);

        Object decode();
    }

    @Setup(Level.Trial)
    public void setUp()
    {
        value = payload(payload);
        roundTrip = candidate(candidate);
        final int length = roundTrip.encode(value);
        if (!value.equals(roundTrip.decode()))
        {
            throw new IllegalStateException("round trip changed the value: candidate=" + candidate);
        }
        System.out.println("bytes/message candidate=" + candidate + " payload=" + payload + " bytes=" + length);
    }

    @Benchmark
    public Object encodeDecode()
    {
        roundTrip.encode(value);
        return roundTrip.decode();
    }

    static Object payload(final String name)
    {
        switch (name)
        {
            case "record":
                return new Trade(123456789L, "ACME", 101.25, 300);
            case "map1000":
            {
                final Map<String, Integer> map = new HashMap<>();
                for (int i = 0; i < 1000; i++)
                {
                    map.put("key-" + i, i);
                }
                return map;
            }
            case "long":
                return 42L;
            default:
                throw new IllegalArgumentException("unknown payload: " + name);
        }
    }

    static RoundTrip candidate(final String name)
    {
        switch (name)
        {
            case "mproc-value":
                return new MprocRoundTrip();
            case "java-serialization":
                return new JavaSerializationRoundTrip();
            case "kryo":
                return new KryoRoundTrip();
            case "fory":
                return new ForyRoundTrip();
            default:
                throw new IllegalArgumentException("unknown candidate: " + name);
        }
    }

    /**
     * Prints the bytes per message of every candidate and payload.
     *
     * @param args unused.
     */
    public static void main(final String[] args)
    {
        for (final String payload : new String[]{"record", "map1000", "long"})
        {
            for (final String candidate : new String[]{"mproc-value", "java-serialization", "kryo", "fory"})
            {
                System.out.println(payload + " " + candidate + " " + candidate(candidate).encode(payload(payload)));
            }
        }
    }

    static final class MprocRoundTrip implements RoundTrip
    {
        private final ObjectCodec codec = new ObjectCodec(AllowList.NONE);
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
        private int typeId;
        private int length;

        public int encode(final Object value)
        {
            typeId = codec.typeId(value);
            length = codec.encode(value, buffer, 0);
            return length;
        }

        public Object decode()
        {
            return codec.decode(typeId, buffer, 0, length);
        }
    }

    /** What ObjectCodec did for records and maps before the value tree: Java serialisation, filtered on read. */
    static final class JavaSerializationRoundTrip implements RoundTrip
    {
        private final AllowList allowList = AllowList.of(Trade.class).allowClassNames("java.util.HashMap");
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
        private int length;

        public int encode(final Object value)
        {
            try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ObjectOutputStream out = new ObjectOutputStream(bytes))
            {
                out.writeObject(value);
                out.flush();
                final byte[] encoded = bytes.toByteArray();
                buffer.putBytes(0, encoded);
                length = encoded.length;
                return length;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        public Object decode()
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
            {
                in.setObjectInputFilter(allowList.filter());
                return in.readObject();
            }
            catch (final IOException | ClassNotFoundException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Kryo 5, registration required: only registered classes are written or read. */
    static final class KryoRoundTrip implements RoundTrip
    {
        private final Kryo kryo = new Kryo();
        private final Output output = new Output(64 * 1024, -1);
        private final Input input = new Input();

        KryoRoundTrip()
        {
            kryo.setRegistrationRequired(true);
            kryo.register(Trade.class);
            kryo.register(HashMap.class);
        }

        public int encode(final Object value)
        {
            output.setPosition(0);
            kryo.writeClassAndObject(output, value);
            return output.position();
        }

        public Object decode()
        {
            input.setBuffer(output.getBuffer(), 0, output.position());
            return kryo.readClassAndObject(input);
        }
    }

    /** Apache Fory in Java mode, class registration required, no reference tracking (as the others). */
    static final class ForyRoundTrip implements RoundTrip
    {
        private final Fory fory = Fory.builder().withLanguage(Language.JAVA).requireClassRegistration(true)
            .withRefTracking(false).build();
        private final MemoryBuffer buffer = MemoryBuffer.newHeapBuffer(64 * 1024);

        ForyRoundTrip()
        {
            fory.register(Trade.class);
        }

        public int encode(final Object value)
        {
            buffer.writerIndex(0);
            fory.serialize(buffer, value);
            return buffer.writerIndex();
        }

        public Object decode()
        {
            buffer.readerIndex(0);
            return fory.deserialize(buffer);
        }
    }
}

package io.mproc.bench.value;

import io.mproc.memory.Namespace;
import io.mproc.value.LongValue;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.MappedByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * One JVM, one shared {@code long}: {@link LongValue} against a raw Agrona {@link UnsafeBuffer} over a mapping of
 * the very same file (the baseline: what mproc costs on top of Agrona).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValueBenchmark
{
    private Namespace namespace;
    private LongValue value;
    private MappedByteBuffer rawMapping;
    private UnsafeBuffer raw;
    private int rawIndex;
    private long operand = 1;

    @Setup
    public void setUp()
    {
        namespace = Namespace.temporary();
        value = LongValue.create(namespace, "value", 0);
        rawMapping = IoUtil.mapExistingFile(value.path().toFile(), "value");
        raw = new UnsafeBuffer(rawMapping);
        rawIndex = value.region().bodyOffset();
    }

    @TearDown
    public void tearDown()
    {
        IoUtil.unmap(rawMapping);
        namespace.close();
    }

    @Benchmark
    public long mprocGetAndAdd()
    {
        return value.getAndAdd(operand);
    }

    @Benchmark
    public long rawGetAndAdd()
    {
        return raw.getAndAddLong(rawIndex, operand);
    }

    @Benchmark
    public long mprocGet()
    {
        return value.get();
    }

    @Benchmark
    public long rawGet()
    {
        return raw.getLongVolatile(rawIndex);
    }

    @Benchmark
    public void mprocSet()
    {
        value.set(operand);
    }

    @Benchmark
    public void rawSet()
    {
        raw.putLongVolatile(rawIndex, operand);
    }
}

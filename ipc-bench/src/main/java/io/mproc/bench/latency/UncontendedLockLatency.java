package io.mproc.bench.latency;

import io.mproc.memory.Namespace;
import io.mproc.sync.BusySpinWaitStrategy;
import io.mproc.sync.Lock;
import io.mproc.sync.RLock;
import io.mproc.sync.SpinThenBlockWaitStrategy;
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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cost of {@code lock(); unlock();} with nobody else interested, beside {@link ReentrantLock} (in-process only).
 * {@code lockWakesSleepers} is the default lock (its unlock is a volatile store plus a sleepers check);
 * {@code lockSpinOnly} is a lock created with busy-spin (its unlock is a release store).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class UncontendedLockLatency
{
    private Namespace namespace;
    private Lock lockWakesSleepers;
    private Lock lockSpinOnly;
    private RLock rlock;
    private final ReentrantLock reentrantLock = new ReentrantLock();

    @Setup
    public void setUp()
    {
        namespace = Namespace.temporary();
        lockWakesSleepers = Lock.create(namespace, "wakes", SpinThenBlockWaitStrategy.DEFAULT);
        lockSpinOnly = Lock.create(namespace, "spin", BusySpinWaitStrategy.INSTANCE);
        rlock = RLock.create(namespace, "rlock", SpinThenBlockWaitStrategy.DEFAULT);
    }

    @Benchmark
    public void lockWakesSleepers()
    {
        lockWakesSleepers.lock();
        lockWakesSleepers.unlock();
    }

    @Benchmark
    public void lockSpinOnly()
    {
        lockSpinOnly.lock();
        lockSpinOnly.unlock();
    }

    @Benchmark
    public void rlock()
    {
        rlock.lock();
        rlock.unlock();
    }

    @Benchmark
    public void reentrantLockBaseline()
    {
        reentrantLock.lock();
        reentrantLock.unlock();
    }

    @TearDown
    public void tearDown()
    {
        namespace.close();
    }
}

package io.mproc.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Linux futex wait and wake on a 4-byte word of shared memory, through JNA's direct mapping of libc's
 * {@code syscall(2)}. Thread-safe.
 * <p>
 * The operations deliberately do <b>not</b> carry {@code FUTEX_PRIVATE_FLAG}: a private futex is keyed by address
 * space and never meets a waiter in another process, whereas a shared one is keyed by the page of the file behind a
 * {@code MAP_SHARED} mapping, which is what two JVMs mapping one file under {@code /dev/shm} have in common.
 * <p>
 * JNA unpacks and loads its native library on first use (about 100 ms of CPU): that happens in this class's static
 * initialiser, so whoever touches the class first (a shared object built with a blocking wait strategy) pays it,
 * never a waiter on its hot path. Where futexes are not available (not Linux, an unknown architecture, or
 * {@value #DISABLE_PROPERTY}{@code =true}) {@link #isAvailable()} is false and callers must poll instead.
 */
public final class Futex
{
    /** System property that turns futexes off, so that the polling fallback can be exercised on Linux too. */
    public static final String DISABLE_PROPERTY = "mproc.futex.disable";

    private static final Logger LOGGER = LoggerFactory.getLogger(Futex.class);
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final long SYS_FUTEX_X86_64 = 202;
    private static final long SYS_FUTEX_AARCH64 = 98;
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int TIMESPEC_LENGTH = 16;

    private static final long SYS_FUTEX;
    private static final boolean AVAILABLE;

    /** One {@code struct timespec} per thread, so that a timed wait allocates nothing after a thread's first. */
    private static final ThreadLocal<Memory> TIMESPEC = ThreadLocal.withInitial(() -> new Memory(TIMESPEC_LENGTH));

    static
    {
        long sysFutex = -1;
        boolean available = false;
        if (!Boolean.getBoolean(DISABLE_PROPERTY) && Platform.isLinux() && Platform.is64Bit())
        {
            if (Platform.isIntel())
            {
                sysFutex = SYS_FUTEX_X86_64;
            }
            else if (Platform.isARM())
            {
                sysFutex = SYS_FUTEX_AARCH64;
            }
        }
        if (sysFutex > 0)
        {
            try
            {
                Native.register(Futex.class, Platform.C_LIBRARY_NAME);
                // A wake on a private word with nobody waiting returns 0 woken where the call works.
                final Memory probe = new Memory(Integer.BYTES);
                probe.setInt(0, 0);
                available = 0 == syscall(sysFutex, Pointer.nativeValue(probe), FUTEX_WAKE, 1, 0, 0, 0);
            }
            catch (final Throwable ex)
            {
                LOGGER.warn("futex unavailable, blocking waits will poll instead{}", nativeAccessHint(ex), ex);
            }
        }
        SYS_FUTEX = sysFutex;
        AVAILABLE = available;
    }

    private Futex()
    {
    }

    /**
     * JDK 22+ refuses JNA's native library where started with {@code --illegal-native-access=deny} and without
     * native access: name the flag that lets futexes work.
     */
    private static String nativeAccessHint(final Throwable failure)
    {
        for (Throwable cause = failure; null != cause; cause = cause.getCause())
        {
            if (cause instanceof IllegalCallerException)
            {
                return ": start the JVM with --enable-native-access=ALL-UNNAMED (see io.mproc.JvmFlags)";
            }
        }
        return "";
    }

    /**
     * @return true when {@link #await(long, int, long)} and {@link #wake(long, int)} reach the kernel.
     */
    public static boolean isAvailable()
    {
        return AVAILABLE;
    }

    /**
     * {@code FUTEX_WAIT}: sleeps while the word at {@code address} still holds {@code expectedValue}, until a wake, a
     * signal, or the timeout. Returns at once when the word differs (the kernel compares and sleeps atomically, so
     * a change made before the call is never missed). Callers re-check their condition on every return.
     *
     * @param address       absolute address of a 4-byte-aligned word in a shared mapping.
     * @param expectedValue the value the word must hold to sleep.
     * @param timeoutNs     longest sleep, in nanoseconds (relative); at least 1.
     * @return 0 when woken, -1 when the value differed, the timeout passed or a signal arrived.
     */
    public static int await(final long address, final int expectedValue, final long timeoutNs)
    {
        final Memory timespec = TIMESPEC.get();
        final long timeout = Math.max(1, timeoutNs);
        timespec.setLong(0, timeout / NANOS_PER_SECOND);
        timespec.setLong(Long.BYTES, timeout % NANOS_PER_SECOND);
        return (int)syscall(SYS_FUTEX, address, FUTEX_WAIT, expectedValue, Pointer.nativeValue(timespec), 0, 0);
    }

    /**
     * {@code FUTEX_WAKE}: wakes up to {@code count} threads sleeping on the word, in any process.
     *
     * @param address absolute address of the word.
     * @param count   most threads to wake ({@link Integer#MAX_VALUE} for all).
     * @return the number woken, or -1 on error.
     */
    public static int wake(final long address, final int count)
    {
        return (int)syscall(SYS_FUTEX, address, FUTEX_WAKE, count, 0, 0, 0);
    }

    /**
     * {@code long syscall(long number, ...)} from libc. Its variadic arguments are plain integer registers on
     * x86-64 and AArch64 Linux, so a fixed seven-argument direct mapping passes them as the kernel expects.
     */
    private static native long syscall(
        long number, long address, long operation, long value, long timeoutAddress, long address2, long value3);
}

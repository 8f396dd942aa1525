package io.mproc.queue;

/**
 * Python's {@code Pipe()}, whatever the backend: two connected ends, {@link #left()} and {@link #right()}. A duplex
 * pipe carries values both ways; a one-way pipe's left end receives and its right end sends. Keep one end and hand
 * the other to another process (a child's argument): it travels by name and arrives open on the same end.
 */
public interface SharedPipe extends AutoCloseable
{
    /** @return true unless one-way. */
    boolean isDuplex();

    /** @return end A (of a one-way pipe: the receiving end). */
    SharedConnection left();

    /** @return end B (of a one-way pipe: the sending end). */
    SharedConnection right();

    /** Closes both ends' handles in this process. */
    @Override
    void close();
}

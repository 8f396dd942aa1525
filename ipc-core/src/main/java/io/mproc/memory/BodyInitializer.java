package io.mproc.memory;

import org.agrona.concurrent.AtomicBuffer;

/**
 * Writes the initial body of a new shared object, before it is published under its name. The body is zeroed
 * when this runs; nobody else can see the file yet.
 */
@FunctionalInterface
public interface BodyInitializer
{
    /** Leaves the zeroed body as it is. */
    BodyInitializer ZEROED = (buffer, bodyOffset, bodyLength) -> {};

    /**
     * @param buffer     over the whole file.
     * @param bodyOffset index of the first body byte in {@code buffer}.
     * @param bodyLength bytes in the body.
     */
    void initialise(AtomicBuffer buffer, int bodyOffset, long bodyLength);
}

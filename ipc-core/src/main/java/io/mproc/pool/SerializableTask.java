package io.mproc.pool;

import java.io.Serializable;

/**
 * A {@link Runnable} that can travel to a pool worker. {@code pool.submit(() -> System.out.println("x"))} and
 * {@code pool.execute(...)} pick the overloads taking this type, so the lambda is compiled serialisable (a lambda is
 * serialisable only when its target type is); it is a {@code Runnable} too, so the call is never ambiguous with
 * {@link java.util.concurrent.ExecutorService}'s own overloads.
 */
@FunctionalInterface
public interface SerializableTask extends Runnable, Serializable
{
}

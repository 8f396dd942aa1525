package io.mproc.pool;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A function that can travel to a pool worker: write it as a lambda or method reference, or as a class on the
 * pool's allow-list.
 *
 * @param <T> argument type.
 * @param <R> result type.
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable
{
}

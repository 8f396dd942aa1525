package io.mproc.pool;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A two-argument function that can travel to a pool worker, for {@link ProcessPool#starmap}.
 *
 * @param <A> first argument type.
 * @param <B> second argument type.
 * @param <R> result type.
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable
{
}

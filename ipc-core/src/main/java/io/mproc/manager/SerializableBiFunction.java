package io.mproc.manager;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that can travel to the manager's server and run there (see {@link SerializableFunction}).
 *
 * @param <T> first argument type.
 * @param <U> second argument type.
 * @param <R> result type.
 */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable
{
}

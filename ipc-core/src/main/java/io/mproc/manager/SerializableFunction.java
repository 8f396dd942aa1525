package io.mproc.manager;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can travel to the manager's server and run there (a lambda whose target is this type is
 * serialisable; what it captures travels with it, proxies by reference).
 *
 * @param <T> argument type.
 * @param <R> result type.
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable
{
}

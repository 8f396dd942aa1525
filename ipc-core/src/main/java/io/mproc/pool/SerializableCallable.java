package io.mproc.pool;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task with a result that can travel to a pool worker.
 *
 * @param <V> result type.
 */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable
{
}

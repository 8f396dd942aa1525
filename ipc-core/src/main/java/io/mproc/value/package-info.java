/**
 * Shared scalars ({@link io.mproc.value.LongValue}, {@link io.mproc.value.IntValue},
 * {@link io.mproc.value.DoubleValue}, {@link io.mproc.value.BooleanValue}) and fixed-length arrays
 * ({@link io.mproc.value.IntArray}, {@link io.mproc.value.LongArray}, {@link io.mproc.value.DoubleArray},
 * {@link io.mproc.value.ByteArray}): the twins of Python's {@code multiprocessing.Value} and {@code Array}, with
 * lock-free atomic updates across processes.
 */
package io.mproc.value;

/**
 * Messages between processes, over rings in mapped files: {@link io.mproc.queue.SharedQueue} (Python's
 * {@code Queue}, a {@link java.util.concurrent.BlockingQueue}), {@link io.mproc.queue.JoinableQueue},
 * {@link io.mproc.queue.MessageRing} (the zero-copy layer: claim, write in place, commit; read through a handler
 * over the mapped bytes) and {@link io.mproc.queue.Pipe} with its two {@link io.mproc.queue.Connection} ends.
 * <p>
 * <b>Layout and design.</b> One ring body, drawn and explained in {@link io.mproc.queue.QueueDescriptor}: Agrona's
 * many-to-one ring made many-to-many by a robust consumer lock, with a producer table so that a producer killed
 * between claim and commit is skipped, a consumed position so that a consumer killed mid-batch loses only the
 * message it held, and space given back to producers in bulk. A ring or queue created for
 * {@link io.mproc.queue.Producers#ONE} claims without a compare-and-set, under a lease on the producer role.
 * Pipes are two ring bodies in one file ({@link io.mproc.queue.PipeDescriptor}).
 * <p>
 * <b>Encoding.</b> {@link io.mproc.queue.ObjectCodec} writes primitives, strings, {@code byte[]} and buffers
 * without Chronicle or reflection; Chronicle {@code BytesMarshallable} types and, as a fallback,
 * {@code Serializable} ones are instantiated only when the receiver's {@link io.mproc.queue.AllowList} names them.
 * Chronicle is an optional dependency of ipc-core: an application that sends {@code BytesMarshallable} values has
 * it on its class path already; a JVM without it that receives one gets a
 * {@link io.mproc.queue.MessageDecodingException} naming the artifact to add, {@code net.openhft:chronicle-queue}.
 * Any other encoding plugs in as a {@link io.mproc.queue.Codec}.
 * <p>
 * <b>Waiting</b> uses the handle's {@link io.mproc.sync.WaitStrategy}. Producers commit and consumers free space
 * with plain stores, even where waiters sleep: their waits cover the race (see {@link io.mproc.sync.WaitWord}).
 */
package io.mproc.queue;

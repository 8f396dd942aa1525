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
 * straight into the ring, without Chronicle or reflection. What else travels <b>by default</b>, with no
 * configuration, is a tree of tagged values ({@link io.mproc.queue.ValueTags}): {@code BigInteger},
 * {@code BigDecimal}, {@code UUID}, the {@code java.time} values, the JDK's lists, sets, maps and queues (immutable
 * forms included), arrays, enums (the existing constant, by {@code Enum.valueOf}: no new instance), records whose components
 * are themselves allowed (rebuilt by their canonical constructor) and mproc's shared-object handles (they reopen the
 * same memory by name). Every other class is opt-in, by class or package, on the
 * {@link io.mproc.queue.AllowList} (Chronicle {@code BytesMarshallable} or Java serialisation, every class inside
 * checked). A value that cannot travel fails at the sender with {@link io.mproc.queue.UnsendableValueException}
 * (the class, its place in the value, the queue, pipe or pool, and the call that allows it); the receiver checks
 * again and instantiates nothing outside these rules. Any other encoding plugs in as a
 * {@link io.mproc.queue.Codec}.
 * Chronicle is an optional dependency of ipc-core: an application that sends {@code BytesMarshallable} values has
 * it on its class path already; a JVM without it that receives one gets a
 * {@link io.mproc.queue.MessageDecodingException} naming the artifact to add, {@code net.openhft:chronicle-queue}.
 * <p>
 * <b>Waiting</b> uses the handle's {@link io.mproc.sync.WaitStrategy}. Producers commit and consumers free space
 * with plain stores, even where waiters sleep: their waits cover the race (see {@link io.mproc.sync.WaitWord}).
 */
package io.mproc.queue;

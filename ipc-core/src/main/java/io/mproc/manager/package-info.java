/**
 * Python's {@code multiprocessing.Manager}: {@link io.mproc.manager.Manager} starts a server process that holds
 * ordinary Java objects and serves them to any number of processes through proxies that implement the Java
 * interfaces: {@link io.mproc.manager.DictProxy} ({@code Map}), {@link io.mproc.manager.ListProxy} ({@code List}),
 * {@link io.mproc.manager.ValueProxy} and {@link io.mproc.manager.NamespaceProxy}.
 * <p>
 * <b>Transport.</b> No sockets: a many-to-one request ring ({@link io.mproc.queue.MessageRing}) into the server, and
 * one reply ring per client thread (a slot in the manager's control file, {@link io.mproc.manager.ManagerDescriptor}).
 * A call encodes its arguments with the queues' codec straight into a per-thread scratch, writes one message, and
 * waits on its own reply ring with the namespace's wait strategy: no allocation beyond the boxed values of the
 * {@code Map}/{@code List} API, no system call while both sides are busy. Message layouts:
 * {@code ManagerProtocol}.
 * <p>
 * <b>Server.</b> One thread, which runs every operation (functions of {@code compute}, {@code merge}, {@code apply}
 * ... included) in one step with respect to every other: atomic compound operations need no lock. Proxies stored in
 * managed objects stay proxies (nested mutation is never lost), and in the server they run their operations
 * directly on the objects.
 * <p>
 * <b>Failures.</b> Waits on the server check its liveness (its pid and start time, in the control file) each time a
 * timed wait expires, so a call to a dead or shut-down manager fails with
 * {@link io.mproc.manager.ManagerNotRunningException} within {@value io.mproc.manager.Manager#LIVENESS_CHECK_INTERVAL_MS}
 * ms; a client killed mid-call leaves a slot that the next client takes over (stale replies are dropped by call
 * id); a request half-written by a killed client is skipped by the ring.
 */
package io.mproc.manager;

/**
 * Python's {@code multiprocessing.Manager}: {@link io.mproc.manager.Manager} starts a server process that holds
 * ordinary Java objects and serves them to any number of processes through proxies that implement the Java
 * interfaces: {@link io.mproc.manager.DictProxy} ({@code Map}), {@link io.mproc.manager.ListProxy} ({@code List}),
 * {@link io.mproc.manager.ValueProxy} and {@link io.mproc.manager.NamespaceProxy}.
 * <p>
 * <b>Transport.</b> No sockets: a many-to-one request ring ({@link io.mproc.queue.MessageRing}) into each server
 * thread, and one reply ring per client thread (a slot in the manager's control file,
 * {@link io.mproc.manager.ManagerDescriptor}). A call encodes its arguments with the queues' codec straight into a
 * per-thread scratch, writes one message, and waits on its own reply ring with the namespace's wait strategy: no
 * allocation beyond the boxed values of the {@code Map}/{@code List} API, no system call while both sides are busy.
 * Message layouts: {@code ManagerProtocol}.
 * <p>
 * <b>Server threads.</b> One by default, which runs every operation (functions of {@code compute}, {@code merge},
 * {@code apply} ... included) in one step with respect to every other: atomic compound operations need no lock.
 * {@link io.mproc.manager.Manager.Builder#serverThreads} gives it more: each reads its own request ring, fed by its
 * share of the client slots (slot {@code s} by thread {@code s % n}), and writes their reply rings; an operation on
 * one object holds that object's stripe lock, one that runs a function or changes the set of objects runs alone
 * ({@code ObjectLocks}), and every result is encoded under its lock, so the semantics are those of one thread.
 * Idle server threads spin about 50 us and then sleep in the kernel: they cost no core.
 * <p>
 * Why one by default: measured with {@code ManagerBenchmark} (JMH; two rounds in one session on the 2-vCPU VM, the
 * second in the reverse order; the median iteration of each round, round 1 / round 2, in M ops/s; with several
 * client JVMs, their total; two earlier rounds, with a {@code ReentrantReadWriteLock}, agree):
 * <pre>
 *   client JVMs   set, 1 thread   set, 2 threads   get, 1 thread   get, 2 threads
 *   1             3.27 / 2.62     2.23 / 2.40      3.58 / 3.12     3.56 / 3.19
 *   2             2.07 / 2.08     0.24 / 0.34      2.88 / 2.12     0.27 / 0.46
 *   4             2.07 / 2.33     1.67 / 1.24      2.43 / 2.94     1.84 / 1.18
 *   CPython 3.11's Manager, same session: 0.0205 set, 0.0192 get
 * </pre>
 * With one client the second thread sleeps and its locks cost little; with more busy threads than cores, every
 * extra one only takes a core from a client or from the other server thread, and hand-offs wait on the scheduler:
 * with 2 clients, one per server thread, each pair ping-pongs on a shared core, 5 to 11 times slower; with 4, 0.4 to
 * 0.8 times the one thread's rate. More server threads can only pay where cores are left over, i.e. where the busy
 * client threads plus the server threads fit the cores (not measurable on this machine); give them there.
 * <p>
 * <b>Nested proxies.</b> Proxies stored in managed objects stay proxies (nested mutation is never lost), and in the
 * server they run their operations directly on the objects.
 * <p>
 * <b>Failures.</b> Waits on the server check its liveness (its pid and start time, in the control file) each time a
 * timed wait expires, so a call to a dead or shut-down manager fails with
 * {@link io.mproc.manager.ManagerNotRunningException} within {@value io.mproc.manager.Manager#LIVENESS_CHECK_INTERVAL_MS}
 * ms; a client killed mid-call leaves a slot that the next client takes over (stale replies are dropped by call
 * id); a request half-written by a killed client is skipped by the ring.
 */
package io.mproc.manager;

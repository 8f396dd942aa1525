/**
 * Child JVM processes: Python's {@code multiprocessing.Process} for the JVM.
 * <p>
 * {@link io.mproc.process.ChildProcess} starts a separate JVM running a task or an entry class, and watches it:
 * {@code start}, {@code join}, {@code isAlive}, {@code exitCode}, {@code signal}, {@code terminate} (SIGTERM),
 * {@code kill} (SIGKILL), {@code close}. {@link io.mproc.process.CurrentProcess} is this JVM as a process (its name,
 * pid and parent pid); {@link io.mproc.process.ProcessLogging} is the lifecycle logging switch.
 * <p>
 * <b>How a task travels.</b> The parent starts {@code java ... -cp <class path> io.mproc.process.ChildMain <name>}
 * and writes one frame on the child's stdin ({@code ChildLaunch}), then closes it. The class path is this JVM's
 * {@code java.class.path}, or, when that does not hold mproc or the task ({@code mvn exec:java}, IDEs, application
 * servers), the one its class loaders were given ({@code ChildClassPath}), or the one given with
 * {@code ChildProcess.classPath}. The child answers on its stderr, which the parent always reads: a status line
 * ({@code StatusLine}) once it has loaded the task, so that {@code start()} can wait for it and fail with the child's
 * error output when it exits first; and one as it exits, telling its own exit from a signal's. A lambda or method
 * reference whose body is a static method, with simple values (strings, boxed primitives) and shared objects as
 * captured values and arguments, is sent as the static call it makes; anything else as Java serialisation, read
 * with an explicit {@link java.io.ObjectInputFilter} (see {@code TaskSerialization} for the trust model: the pipe is
 * the parent's, so the child trusts the classes it sends, within bounds set by the payload length). Shared objects
 * travel by name and arrive as live handles on the same memory.
 * <p>
 * <b>Start-up cost</b>, measured on the project's 2-vCPU machines (JDK 17; see {@code ProcessSpawnBenchmark} in
 * ipc-bench for the current figures against a trivial JVM in the same run):
 * <ul>
 *     <li>the JVM flags mproc needs ({@code --add-exports}/{@code --add-opens}) cost every child ~15-20 ms, because
 *     they switch off the CDS archive's pre-built module graph;</li>
 *     <li>Java serialisation of a lambda costs a new JVM ~40-60 ms (ObjectInputStream, SerializedLambda, the lambda
 *     metafactory): hence the static call, which costs almost nothing; a task class still pays for
 *     ObjectInputStream;</li>
 *     <li>the child's start path avoids lambdas and {@code +} on strings (each bootstraps {@code invokedynamic}
 *     machinery, ~10 ms for the first) and {@link java.lang.ProcessHandle} (a thread pool, ~10 ms);</li>
 *     <li>a thread blocked in a native {@code read()} delays a JVM's exit by 300 ms (HotSpot waits for threads in
 *     native code), so a daemon child polls its parent's pid and start time every 100 ms instead of reading a
 *     pipe until end of file;</li>
 *     <li>AppCDS ({@link io.mproc.process.ChildProcess#classDataSharing}, or {@code -Dmproc.cds=auto|<file>}) saves
 *     the class loading of the child's own classes when the class path is jars only, e.g.
 *     {@code java -Dmproc.cds=auto -jar app.jar}; the first child pays ~0.3-0.5 s at its exit to write the archive;</li>
 *     <li>{@code -XX:TieredStopAtLevel=1} (C1 only) starts a little faster and suits short children; the serial GC
 *     starts <em>slower</em> on JDK 17 (the CDS archive's heap objects are only mapped with G1). Both are options
 *     ({@link io.mproc.process.ChildProcess#jvmOptions}, or {@code -Dmproc.child.jvmOptions=...} for every child),
 *     not defaults.</li>
 * </ul>
 * <b>System properties:</b> {@code mproc.log} (lifecycle logging), {@code mproc.cds} (AppCDS archive),
 * {@code mproc.child.jvmOptions} (options of every child). Every {@code mproc.*} property is passed on to children.
 */
package io.mproc.process;

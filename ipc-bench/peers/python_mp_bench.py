#!/usr/bin/env python3
"""Peer benchmark: CPython's own `multiprocessing` on this machine.

Gives reference figures for the primitives mproc mirrors: Queue / SimpleQueue
throughput, Pipe and Event ping-pong latency, Value and Array access, Manager
dict proxies, Pool overhead and CPU scaling, and process start cost.
io.mproc.bench.Report runs it beside the JVM benchmarks (same machine, same run).

    python3 python_mp_bench.py                  # full run, about a minute on 2 cores
    python3 python_mp_bench.py --quick          # every size ~5x smaller
    python3 python_mp_bench.py --smoke          # tiny sizes: only checks that everything runs
    python3 python_mp_bench.py --only pipe_pingpong_rtt,pool_cpu_scaling
    python3 python_mp_bench.py --only pool_cpu_scaling --cpu-task-ms 0.1,1,10 --workers 1,2,4

pool_cpu_scaling times count_primes tasks of the given durations (the limit is
calibrated here so that one task takes that long in this interpreter) on
Pool(w) for each w, chunksize 1, and sequentially: keys
pool_cpu_<ms>ms_seq_tasks_per_s and pool_cpu_<ms>ms_w<w>_tasks_per_s.

A readable table goes to stderr and ONE JSON object to stdout: metric keys
(units in the name), "machine", "params" (sizes used), "wall_s", and
"other_cpu_s" (CPU burnt by unrelated processes during the run; if it is
large the figures are disturbed).  Standard library only.  Timed sections exclude process start-up (children first report
ready, then all are released together), except in process_spawn, which times
start-up on purpose.  Every wait has a timeout and each measurement also runs
under an alarm; a measurement that fails or hangs reports null for its
metrics, its children are terminated, and the script goes on.
"""

import argparse
import json
import math
import multiprocessing as mp
import os
import platform
import resource
import signal
import statistics
import sys
import time

perf = time.perf_counter
perf_ns = time.perf_counter_ns

WAIT_S = 20           # bound on any single wait for a child
BENCH_LIMIT_S = 45    # alarm backstop for one whole measurement

FULL_SIZES = {
    "queue_msgs": 200_000,       # messages per queue variant
    "rtt_trips": 5_000,          # timed round trips per ping-pong variant
    "rtt_warmup": 200,
    "value_incr": 200_000,       # increments per process (2 processes)
    "array_len": 1_000_000,
    "manager_ops": 20_000,       # set ops, then the same number of get ops
    "pool_chunk1_tasks": 20_000,
    "pool_default_tasks": 1_000_000,
    "cpu_work_s": 2.0,           # seconds of count_primes work per worker, per task size and pool size
    "spawn_reps": 20,
    "spawn_warmup": 2,
}
QUICK_SIZES = {k: max(1, v // 5) for k, v in FULL_SIZES.items()}
QUICK_SIZES["cpu_work_s"] = 0.4
QUICK_SIZES["spawn_reps"] = 5
SMOKE_SIZES = {k: max(1, v // 100) for k, v in FULL_SIZES.items()}
SMOKE_SIZES.update(cpu_work_s=0.05, spawn_reps=2, spawn_warmup=1, rtt_warmup=20)


# ---------------------------------------------------------------- plumbing

class Gate:
    """ready -> go -> done handshake, so timings exclude process start-up."""

    def __init__(self, ctx):
        self.ready = ctx.Semaphore(0)
        self.go = ctx.Event()
        self.done = ctx.Semaphore(0)

    def arrive(self):             # child: report ready, wait for the start signal
        self.ready.release()
        if not self.go.wait(WAIT_S):
            raise TimeoutError("start signal never came")

    def finish(self):             # child: report completion
        self.done.release()


def _acquire_n(sem, n, procs, timeout):
    """Acquire `sem` n times; fail fast if a child dies, give up after `timeout`."""
    deadline = time.monotonic() + timeout
    got = 0
    while got < n:
        if sem.acquire(timeout=0.05):
            got += 1
            continue
        dead = [p for p in procs if p.exitcode not in (None, 0)]
        if dead:
            raise RuntimeError(f"{dead[0].name} died with exit code {dead[0].exitcode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"children did not report within {timeout}s")


def _reap(procs, timeout=5):
    """Join children; terminate, then SIGKILL, any that will not exit."""
    for p in procs:
        if p.pid is None:
            continue
        p.join(timeout)
        if p.is_alive():
            p.terminate()
            p.join(1)
        if p.is_alive():
            p.kill()
            p.join(1)


def _run_gated(ctx, jobs, timeout=WAIT_S):
    """Run one process per (target, args); seconds from 'go' until all are done.

    Each target is called as target(gate, *args) and must call gate.arrive()
    before its timed work and gate.finish() after it.
    """
    gate = Gate(ctx)
    procs = [ctx.Process(target=fn, args=(gate, *args), daemon=True) for fn, args in jobs]
    try:
        for p in procs:
            p.start()
        _acquire_n(gate.ready, len(procs), procs, WAIT_S)
        t0 = perf()
        gate.go.set()
        _acquire_n(gate.done, len(procs), procs, timeout)
        elapsed = perf() - t0
    finally:
        _reap(procs)
    bad = [p for p in procs if p.exitcode != 0]
    if bad:
        raise RuntimeError(f"{bad[0].name} exited with code {bad[0].exitcode}")
    return elapsed


def _pct(sorted_vals, q):
    """Nearest-rank percentile of an already sorted list."""
    return sorted_vals[max(0, math.ceil(q * len(sorted_vals)) - 1)]


def _rtt_summary(samples_ns):
    s = sorted(samples_ns)
    return statistics.median(s) / 1e3, _pct(s, 0.99) / 1e3


# ---------------------------------------------------------------- child bodies
# Module-level so that they also work under the 'spawn' and 'forkserver' methods.

def _q_producer(gate, q, n, payload):
    gate.arrive()
    put = q.put
    if payload is None:
        for i in range(n):
            put(i)
    else:
        for _ in range(n):
            put(payload)
    gate.finish()   # mp.Queue's feeder thread still flushes before this process exits


def _q_consumer(gate, q, n):
    gate.arrive()
    get = q.get
    for _ in range(n):
        get()
    gate.finish()


def _pipe_echo(conn, other_end, raw):
    other_end.close()   # so a vanished parent shows up here as EOF, not a hang
    try:
        if raw:
            recv, send = conn.recv_bytes, conn.send_bytes
            while msg := recv():            # b"" means stop
                send(msg)
        else:
            recv, send = conn.recv, conn.send
            while (msg := recv()) is not None:
                send(msg)
    except EOFError:
        pass


def _event_echo(ping, pong, stop):
    while ping.wait(WAIT_S):
        ping.clear()
        if stop.value:
            return
        pong.set()


def _incr_locked(gate, v, k):
    gate.arrive()
    lock = v.get_lock()
    for _ in range(k):
        with lock:              # the documented idiom; v.value re-enters the same RLock
            v.value += 1
    gate.finish()


def _incr_unlocked(gate, v, k):
    gate.arrive()
    for _ in range(k):
        v.value += 1            # read-modify-write: not atomic across processes
    gate.finish()


def _array_fill(gate, arr, n, times):
    gate.arrive()
    t = perf()
    for i in range(n):
        arr[i] = i
    times[0] = perf() - t
    gate.finish()


def _manager_child(gate, d, m, times):
    gate.arrive()
    t = perf()
    for i in range(m):
        d[i & 1023] = i
    times[0] = perf() - t
    t = perf()
    for i in range(m):
        d[i & 1023]
    times[1] = perf() - t
    gate.finish()


def _double(x):
    return x * 2


def count_primes(limit):
    """Primes below `limit` by naive trial division: deliberately CPU-bound.

    Port this exactly (d from 2 upward while d*d <= n) for a like-for-like task.
    """
    count = 0
    for n in range(2, limit):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


def _signal_ready(ev):
    ev.set()


# ---------------------------------------------------------------- measurements
# Each measurement is a function named as its --only name, registered with the
# metric keys it produces (they default to null if it fails).

BENCHES = {}


def bench(*keys):
    def register(fn):
        BENCHES[fn.__name__] = (fn, keys)
        return fn
    return register


@bench("queue_int_msgs_per_s", "queue_bytes64_msgs_per_s")
def queue_throughput(ctx, cfg, out):
    n = cfg["queue_msgs"]
    for key, payload in (("queue_int_msgs_per_s", None), ("queue_bytes64_msgs_per_s", b"x" * 64)):
        q = ctx.Queue()
        dt = _run_gated(ctx, [(_q_producer, (q, n, payload)), (_q_consumer, (q, n))])
        out[key] = n / dt
        q.close()


@bench("simplequeue_int_msgs_per_s", "simplequeue_bytes64_msgs_per_s")
def simplequeue_throughput(ctx, cfg, out):
    n = cfg["queue_msgs"]
    for key, payload in (("simplequeue_int_msgs_per_s", None),
                         ("simplequeue_bytes64_msgs_per_s", b"x" * 64)):
        q = ctx.SimpleQueue()
        dt = _run_gated(ctx, [(_q_producer, (q, n, payload)), (_q_consumer, (q, n))])
        out[key] = n / dt
        q.close()


def _pipe_rtts(ctx, trips, warmup, raw):
    a, b = ctx.Pipe()
    p = ctx.Process(target=_pipe_echo, args=(b, a, raw), daemon=True)
    p.start()
    b.close()                   # parent keeps only its own end: a dead child gives EOF
    try:
        send, recv = (a.send_bytes, a.recv_bytes) if raw else (a.send, a.recv)
        msg = b"ping0001" if raw else 12345
        samples = []
        for _ in range(warmup + trips):
            t = perf_ns()
            send(msg)
            recv()
            samples.append(perf_ns() - t)
        send(b"" if raw else None)
    finally:
        _reap([p])
        a.close()
    return _rtt_summary(samples[warmup:])


@bench("pipe_rtt_median_us", "pipe_rtt_p99_us", "pipe_bytes_rtt_median_us", "pipe_bytes_rtt_p99_us")
def pipe_pingpong_rtt(ctx, cfg, out):
    # Pickled small int via send/recv, then raw 8 bytes via send_bytes/recv_bytes.
    out["pipe_rtt_median_us"], out["pipe_rtt_p99_us"] = _pipe_rtts(
        ctx, cfg["rtt_trips"], cfg["rtt_warmup"], raw=False)
    out["pipe_bytes_rtt_median_us"], out["pipe_bytes_rtt_p99_us"] = _pipe_rtts(
        ctx, cfg["rtt_trips"], cfg["rtt_warmup"], raw=True)


@bench("event_rtt_median_us", "event_rtt_p99_us")
def event_pingpong_rtt(ctx, cfg, out):
    # Parent: set(ping), wait(pong), clear(pong).  Child: wait(ping), clear(ping), set(pong).
    ping, pong = ctx.Event(), ctx.Event()
    stop = ctx.Value("b", 0, lock=False)
    p = ctx.Process(target=_event_echo, args=(ping, pong, stop), daemon=True)
    p.start()
    try:
        samples = []
        for _ in range(cfg["rtt_warmup"] + cfg["rtt_trips"]):
            t = perf_ns()
            ping.set()
            if not pong.wait(WAIT_S):
                raise TimeoutError("no pong")
            pong.clear()
            samples.append(perf_ns() - t)
        stop.value = 1
        ping.set()
    finally:
        _reap([p])
    out["event_rtt_median_us"], out["event_rtt_p99_us"] = _rtt_summary(samples[cfg["rtt_warmup"]:])


@bench("value_locked_incr_per_s", "value_locked_final", "value_locked_correct",
       "value_nolock_incr_per_s", "value_nolock_final", "value_nolock_lost_updates",
       "value_racy_sync_incr_per_s", "value_racy_sync_lost_updates")
def value_increments(ctx, cfg, out):
    k = cfg["value_incr"]
    expected = 2 * k

    # 1. Value('i') incremented under its get_lock(): must be exact.
    v = ctx.Value("i", 0)
    dt = _run_gated(ctx, [(_incr_locked, (v, k))] * 2)
    out["value_locked_incr_per_s"] = expected / dt
    out["value_locked_final"] = v.value
    out["value_locked_correct"] = v.value == expected

    # 2. Value('i', lock=False): raw shared int, no lock at all -> lost updates.
    raw = ctx.Value("i", 0, lock=False)
    dt = _run_gated(ctx, [(_incr_unlocked, (raw, k))] * 2)
    out["value_nolock_incr_per_s"] = expected / dt
    out["value_nolock_final"] = raw.value
    out["value_nolock_lost_updates"] = expected - raw.value

    # 3. The classic pitfall: synchronized Value, but `v.value += 1` outside
    #    get_lock() (the read and the write are each locked, the pair is not).
    sync = ctx.Value("i", 0)
    dt = _run_gated(ctx, [(_incr_unlocked, (sync, k))] * 2)
    out["value_racy_sync_incr_per_s"] = expected / dt
    out["value_racy_sync_lost_updates"] = expected - sync.value


@bench("array_fill_writes_per_s", "array_sum_reads_per_s", "array_sum_correct")
def array_sum(ctx, cfg, out):
    n = cfg["array_len"]
    arr = ctx.Array("i", n, lock=False)
    times = ctx.Array("d", 1, lock=False)    # child reports its own fill time
    _run_gated(ctx, [(_array_fill, (arr, n, times))])
    out["array_fill_writes_per_s"] = n / times[0]
    t = perf()
    total = sum(arr)
    out["array_sum_reads_per_s"] = n / (perf() - t)
    out["array_sum_correct"] = total == n * (n - 1) // 2


@bench("manager_dict_set_ops_per_s", "manager_dict_get_ops_per_s", "manager_dict_correct")
def manager_dict_ops(ctx, cfg, out):
    m = cfg["manager_ops"]
    with ctx.Manager() as mgr:
        d = mgr.dict()
        times = ctx.Array("d", 2, lock=False)
        _run_gated(ctx, [(_manager_child, (d, m, times))])
        out["manager_dict_set_ops_per_s"] = m / times[0]
        out["manager_dict_get_ops_per_s"] = m / times[1]
        out["manager_dict_correct"] = len(d) == min(m, 1024) and d[(m - 1) & 1023] == m - 1


@bench("pool_map_chunk1_tasks_per_s", "pool_map_default_chunk_tasks_per_s")
def pool_overhead(ctx, cfg, out):
    with ctx.Pool(2) as pool:
        pool.map_async(_double, range(1000)).get(WAIT_S)     # workers up and warm
        for key, n, chunksize in (("pool_map_chunk1_tasks_per_s", cfg["pool_chunk1_tasks"], 1),
                                  ("pool_map_default_chunk_tasks_per_s", cfg["pool_default_tasks"], None)):
            t = perf()
            res = pool.map_async(_double, range(n), chunksize=chunksize).get(WAIT_S)
            dt = perf() - t
            if len(res) != n or res[-1] != 2 * (n - 1):
                raise AssertionError("wrong map result")
            out[key] = n / dt


def _median_s(fn, arg, runs):
    times = []
    for _ in range(runs):
        t = perf()
        fn(arg)
        times.append(perf() - t)
    return statistics.median(times)


def calibrate_limit(task_ms):
    """The count_primes limit whose median run takes task_ms here (work grows about as limit**1.4)."""
    limit = 20_000 * (task_ms / 10.0) ** (1 / 1.4)     # ~10 ms in CPython 3.11 on the reference machine
    for _ in range(4):
        runs = max(3, min(50, int(30 / task_ms)))
        limit *= (task_ms / 1e3 / _median_s(count_primes, int(limit), runs)) ** (1 / 1.4)
    return max(10, int(limit))


def _label(task_ms):
    return f"{task_ms:g}ms"


@bench()
def pool_cpu_scaling(ctx, cfg, out):
    for task_ms in cfg["cpu_task_ms"]:
        label = _label(task_ms)
        limit = calibrate_limit(task_ms)
        expected = count_primes(limit)
        out[f"pool_cpu_{label}_limit"] = limit
        n = max(4, int(cfg["cpu_work_s"] * 1e3 / task_ms))
        t = perf()
        if any(count_primes(limit) != expected for _ in range(n)):
            raise AssertionError("wrong prime count")
        out[f"pool_cpu_{label}_seq_tasks_per_s"] = n / (perf() - t)
        for workers in cfg["cpu_workers"]:
            with ctx.Pool(workers) as pool:
                pool.map_async(count_primes, [100] * workers, chunksize=1).get(WAIT_S)
                tasks = n * workers
                t = perf()
                res = pool.map_async(count_primes, [limit] * tasks, chunksize=1).get(WAIT_S)
                out[f"pool_cpu_{label}_w{workers}_tasks_per_s"] = tasks / (perf() - t)
                if res != [expected] * tasks:
                    raise AssertionError("wrong prime count")


START_METHODS = ("fork", "spawn", "forkserver")


@bench(*(f"proc_{m}_{phase}_ms" for m in START_METHODS for phase in ("ready", "join")))
def process_spawn(ctx, cfg, out):
    # ready: start() until the child's first line has set an Event.
    # join:  start() until join() has returned (child does nothing else).
    for method in START_METHODS:
        if method not in mp.get_all_start_methods():
            continue
        c = mp.get_context(method)
        ready, joined = [], []
        for i in range(cfg["spawn_warmup"] + cfg["spawn_reps"]):
            ev = c.Event()
            p = c.Process(target=_signal_ready, args=(ev,), daemon=True)
            try:
                t0 = perf()
                p.start()
                if not ev.wait(WAIT_S):
                    raise TimeoutError(f"{method} child never signalled")
                t1 = perf()
                p.join(WAIT_S)
                t2 = perf()
            finally:
                _reap([p])
            if p.exitcode != 0:
                raise RuntimeError(f"{method} child exited with {p.exitcode}")
            if i >= cfg["spawn_warmup"]:          # warm-up also starts the forkserver
                ready.append(t1 - t0)
                joined.append(t2 - t0)
        out[f"proc_{method}_ready_ms"] = statistics.median(ready) * 1e3
        out[f"proc_{method}_join_ms"] = statistics.median(joined) * 1e3


BURST_CHILDREN = 5


@bench(*(f"{k}_{m}_{w}_ms" for m in START_METHODS for k, w in (("proc", "five"), ("pool2", "first_map"))))
def process_burst(ctx, cfg, out):
    # five:      5 children start()ed in a row (each does nothing), then all joined.
    # first_map: Pool(2) created until its first map of two tiny tasks has returned (closed after the clock).
    for method in START_METHODS:
        if method not in mp.get_all_start_methods():
            continue
        c = mp.get_context(method)
        five, first_map = [], []
        for i in range(cfg["spawn_warmup"] + cfg["spawn_reps"]):
            procs = [c.Process(target=_double, args=(k,)) for k in range(BURST_CHILDREN)]
            try:
                t0 = perf()
                for p in procs:
                    p.start()
                for p in procs:
                    p.join(WAIT_S)
                t1 = perf()
            finally:
                _reap(procs)
            if any(p.exitcode != 0 for p in procs):
                raise RuntimeError(f"{method} child exited with {[p.exitcode for p in procs]}")
            t2 = perf()
            with c.Pool(2) as pool:
                if pool.map(_double, [1, 2]) != [2, 4]:
                    raise AssertionError("wrong map result")
                t3 = perf()
            if i >= cfg["spawn_warmup"]:          # warm-up also starts the forkserver
                five.append(t1 - t0)
                first_map.append(t3 - t2)
        out[f"proc_{method}_five_ms"] = statistics.median(five) * 1e3
        out[f"pool2_{method}_first_map_ms"] = statistics.median(first_map) * 1e3


# ---------------------------------------------------------------- driver

class BenchTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise BenchTimeout(f"exceeded {BENCH_LIMIT_S}s")


def _kill_stragglers():
    kids = mp.active_children()
    for p in kids:
        p.terminate()
    for p in kids:
        p.join(2)
        if p.is_alive():
            p.kill()
            p.join(1)


def run_one(name, ctx, cfg, out):
    """Run one measurement; return an error string or None."""
    fn, keys = BENCHES[name]
    for k in keys:
        out[k] = None
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(BENCH_LIMIT_S)
    try:
        fn(ctx, cfg, out)
        return None
    except Exception as e:      # report and move on; metrics not reached stay null
        return f"{type(e).__name__}: {e}"
    finally:
        signal.alarm(0)
        _kill_stragglers()


def _cpu_seconds():
    """(busy CPU seconds of the whole machine, CPU seconds of this process tree).

    Their difference over a run is CPU burnt by unrelated processes: a hint
    that the figures are disturbed.  Linux only; (None, None) elsewhere.
    """
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]
    except OSError:
        return None, None
    busy = sum(fields) - fields[3] - fields[4]          # all but idle and iowait
    own = sum(getattr(resource.getrusage(w), a) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for a in ("ru_utime", "ru_stime"))
    return busy / os.sysconf("SC_CLK_TCK"), own


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), None)
    except OSError:
        return platform.processor() or None


def _unit(key):
    for suffix, unit in (("_per_s", "/s"), ("_us", "us"), ("_ms", "ms"), ("_speedup", "x")):
        if key.endswith(suffix):
            return unit
    return ""


def _fmt(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return f"{v:,}"
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:,.3g}" if abs(v) < 10 else f"{v:,.1f}"


def _round(v):
    return round(v, 3) if isinstance(v, float) else v


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = ap.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="shrink every size ~5x")
    sizes.add_argument("--smoke", action="store_true", help="tiny sizes: checks that everything runs, in seconds")
    ap.add_argument("--cpu-task-ms", default="10", metavar="MS[,MS]",
                    help="pool_cpu_scaling task durations in ms (default 10)")
    ap.add_argument("--workers", metavar="N[,N]",
                    help="pool_cpu_scaling pool sizes (default 1 and the CPU count)")
    ap.add_argument("--only", metavar="NAME[,NAME]", help="run only these: " + ", ".join(BENCHES))
    ap.add_argument("--start-method", choices=mp.get_all_start_methods(),
                    help="start method for the throughput measurements (default: platform default)")
    args = ap.parse_args()

    names = list(BENCHES)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in BENCHES]
        if unknown:
            ap.error(f"unknown measurement(s): {', '.join(unknown)}")

    ctx = mp.get_context(args.start_method)
    cfg = dict(SMOKE_SIZES if args.smoke else QUICK_SIZES if args.quick else FULL_SIZES)
    try:
        cfg["cpu_task_ms"] = [float(x) for x in args.cpu_task_ms.split(",")]
        cfg["cpu_workers"] = ([int(x) for x in args.workers.split(",")] if args.workers
                              else sorted({1, os.cpu_count() or 1}))
    except ValueError:
        ap.error(f"--cpu-task-ms takes numbers and --workers integers, comma-separated: "
                 f"{args.cpu_task_ms!r}, {args.workers!r}")
    if any(ms <= 0 or ms > 10_000 for ms in cfg["cpu_task_ms"]) or any(w < 1 for w in cfg["cpu_workers"]):
        ap.error("--cpu-task-ms must be in (0, 10000] and --workers at least 1")
    out, errors, took = {}, {}, {}
    busy0, own0 = _cpu_seconds()
    t_all = perf()
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        t = perf()
        err = run_one(name, ctx, cfg, out)
        took[name] = perf() - t
        if err:
            errors[name] = err
            print(f"  FAILED: {err}", file=sys.stderr, flush=True)
    wall = perf() - t_all
    busy1, own1 = _cpu_seconds()
    other_cpu = None if busy0 is None else max(0.0, (busy1 - busy0) - (own1 - own0))

    machine = {
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
        "start_method": ctx.get_start_method(),
        "quick": args.quick,
        "smoke": args.smoke,
    }
    result = {"machine": machine, "params": cfg}
    result.update({k: _round(v) for k, v in out.items()})
    result["wall_s"] = round(wall, 2)
    result["other_cpu_s"] = None if other_cpu is None else round(other_cpu, 2)
    if errors:
        result["errors"] = errors

    # Human-readable table on stderr.
    w = max([len(k) for k in out] + [10])
    print(f"\nPython {machine['python']} multiprocessing, {machine['cpu_count']} CPUs, "
          f"start method '{machine['start_method']}'{' (quick)' if args.quick else ''}",
          file=sys.stderr)
    for name in names:
        print(f"-- {name}  ({took[name]:.1f} s){'  FAILED' if name in errors else ''}", file=sys.stderr)
        for k in BENCHES[name][1] or sorted(k for k in out if k.startswith(name.replace("_scaling", ""))):
            print(f"   {k:<{w}} {_fmt(out.get(k)):>14} {_unit(k)}", file=sys.stderr)
    print(f"total {wall:.1f} s; CPU used meanwhile by other processes: "
          f"{'n/a' if other_cpu is None else f'{other_cpu:.1f} s'}", file=sys.stderr, flush=True)

    print(json.dumps(result))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

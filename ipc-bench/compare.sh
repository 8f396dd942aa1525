#!/usr/bin/env bash
# The comparison report: every mproc JMH benchmark, then Python's multiprocessing peer, back to back on this
# machine, so each figure has its baselines (raw Agrona, java.util.concurrent, CPython) from the same run.
# Results land in ipc-bench/target/compare/ (JMH JSON + text, Python JSON). Takes about 25 minutes on 2 cores.
#   bash ipc-bench/compare.sh            # everything
#   bash ipc-bench/compare.sh pool       # one group: value, sync, queue, process, pool
set -euo pipefail
cd "$(dirname "$0")/.."
out=ipc-bench/target/compare
jar=ipc-bench/target/benchmarks.jar
peer=ipc-bench/peers/python_mp_bench.py
mkdir -p "$out"
[ -f "$jar" ] || mvn -B -q -DskipTests package

{ echo "nproc: $(nproc)"; java -version 2>&1 | head -1; grep -m1 'model name' /proc/cpuinfo || true; } | tee "$out/machine.txt"

declare -A jmh=(
  [value]='ValueBenchmark|ContendedValueBenchmark'
  [sync]='PingPong|Uncontended'
  [queue]='QueueThroughputBenchmark|QueueOverheadBenchmark|QueueManyToManyBenchmark|PipePingPongBenchmark'
  [process]='ProcessSpawnBenchmark'
  [pool]='PoolCpuBenchmark|PoolOverheadBenchmark'
)
declare -A python=(
  [value]='value_increments,array_sum'
  [sync]='event_pingpong_rtt'
  [queue]='queue_throughput,pipe_pingpong_rtt'
  [process]='process_spawn'
  [pool]='pool_overhead,pool_cpu_scaling'
)
groups=("${@:-value sync queue process pool}")
for group in ${groups[*]}; do
  echo "=== $group"
  java -jar "$jar" "${jmh[$group]}" -rf json -rff "$out/$group.json" | tee "$out/$group.txt"
  if [ -f "$peer" ]; then
    python3 "$peer" --only "${python[$group]}" > "$out/$group-python.json"
    cat "$out/$group-python.json"
  fi
done

#!/usr/bin/env bash
# Compares two builds of the benchmarks jar in one session, alternating before/after twice, on the single-thread
# costs of the hot paths (uncontended lock, queue write+read) and the pool's per-task overhead. Usage:
#   bash ipc-bench/before-after.sh BEFORE.jar AFTER.jar [OUT_DIR]
# Build BEFORE.jar from an older commit (git worktree add /tmp/old <commit>; mvn -B -q -DskipTests package there).
set -euo pipefail
before=$1; after=$2; out=${3:-ipc-bench/target/before-after}
mkdir -p "$out"
opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
for round in 1 2; do
  for v in before after; do
    jar=$before; [ "$v" = after ] && jar=$after
    java -jar "$jar" 'UncontendedLockLatency.(lockWakesSleepers|lockSpinOnly|reentrantLockBaseline)' "${opts[@]}" \
      -rf json -rff "$out/lock-$v-$round.json" > "$out/lock-$v-$round.log" 2>&1
    java -jar "$jar" QueueOverheadBenchmark -p waitStrategy=spin-then-block "${opts[@]}" \
      -rf json -rff "$out/queue-$v-$round.json" > "$out/queue-$v-$round.log" 2>&1
  done
done
for v in before after; do
  jar=$before; [ "$v" = after ] && jar=$after
  java -jar "$jar" PoolOverheadBenchmark "${opts[@]}" -rf json -rff "$out/pool-$v.json" > "$out/pool-$v.log" 2>&1
done
echo "results in $out (JMH JSON per run; the pool's tasks/s is the secondary result 'tasks')"

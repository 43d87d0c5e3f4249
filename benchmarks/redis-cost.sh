#!/usr/bin/env bash
# What store=redis costs per call: our messenger with its rate limits in this JVM ("ours") against the same messenger
# with the limits shared through a local redis-server ("ours-redis", Bucket4j's Lettuce buckets, as the starter sets
# them up), N helpdesk messages at concurrency 64 and 1000, interleaved (each repetition runs both clients). The
# server and redis-server share core 1, the client runs on core 0. Needs redis-server (apt-get install redis-server).
# Usage: benchmarks/redis-cost.sh [N] [repeats] [warm-up]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
REPEATS=${2:-5}
WARMUP=${3:-20000}
REDIS_PORT=6397
source benchmarks/harness.sh

taskset -c 1 redis-server --port $REDIS_PORT --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
REDIS=$!
trap 'kill $REDIS 2>/dev/null || true' EXIT

RESULTS=$(mktemp)
for C in 64 1000; do
  for R in $(seq 1 "$REPEATS"); do
    for CLIENT in ours ours-redis; do
      harness_run "$CLIENT" helpdesk "$N" "$C" "$WARMUP" -Dredis=redis://127.0.0.1:$REDIS_PORT
    done
  done
done

python3 - "$RESULTS" <<'PY'
import sys
sys.path.insert(0, "benchmarks")
from medians import medians
med = medians(sys.argv[1])
print("\n| C | added p50 ms | added p99 ms | added client CPU s / 1000 | CPU redis/memory |")
print("| --- | --- | --- | --- | --- |")
for c in sorted({k[0] for k in med}, key=int):
    r, m = med[(c, "ours-redis")], med[(c, "ours")]
    print(f"| {c} | {r['p50ms'] - m['p50ms']:.1f} | {r['p99ms'] - m['p99ms']:.1f} "
          f"| {r['cpuSecPer1000'] - m['cpuSecPer1000']:.3f} | {r['cpuSecPer1000'] / m['cpuSecPer1000']:.2f} |")
PY

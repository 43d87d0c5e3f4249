#!/usr/bin/env bash
# Measures whether the test library's sandbox would distort the load harness's figures if it replaced LoadStub: our
# messenger sends N helpdesk messages at concurrency 64 and 1000 to each server, both adding the same 10 ms latency,
# interleaved (each repetition runs against both servers), each server restarted per run on its own core. (The bare
# WebClient of the harness sends a fixed token, which the sandbox rightly refuses.) Prints every result line and the
# medians.
# Usage: benchmarks/sandbox-vs-stub.sh [N] [repeats] [warm-up] [concurrencies, default "64 1000"]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
REPEATS=${2:-5}
WARMUP=${3:-20000}
CONCURRENCIES=${4:-64 1000}
PORT=9098
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests

RESULTS=$(mktemp)
for C in $CONCURRENCIES; do
  for R in $(seq 1 "$REPEATS"); do
    for SERVER in LoadStub SandboxServer; do
      taskset -c 1 java -Xmx2g -cp "$JAR" "io.github.larkapprovalbot.benchmarks.load.$SERVER" $PORT 10 >/dev/null &
      PID=$!
      sleep 3
      taskset -c 0 java -Xmx1g -cp "$JAR" io.github.larkapprovalbot.benchmarks.load.LoadHarness \
        ours helpdesk "$N" "$C" "$WARMUP" "http://127.0.0.1:$PORT" | grep RESULT | sed "s/^RESULT /RESULT server=$SERVER /" \
        | tee -a "$RESULTS" || echo "FAILED server=$SERVER c=$C (a request failed; see above)"
      kill $PID; wait $PID 2>/dev/null || true
    done
  done
done

python3 - "$RESULTS" <<'PY'
import sys
sys.path.insert(0, "benchmarks")
from medians import medians
med = medians(sys.argv[1], "server")
print("\n| C | msg/s sandbox/stub | p99 sandbox/stub | client CPU sandbox/stub |")
print("| --- | --- | --- | --- |")
for c in sorted({k[0] for k in med}, key=int):
    s, t = med[(c, "SandboxServer")], med[(c, "LoadStub")]
    print(f"| {c} | {s['msgPerSec'] / t['msgPerSec']:.2f} | {s['p99ms'] / t['p99ms']:.2f} | {s['cpuSecPer1000'] / t['cpuSecPer1000']:.2f} |")
PY

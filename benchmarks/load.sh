#!/usr/bin/env bash
# Runs the load harness as BENCHMARKS.md describes: stub and client in separate processes pinned to separate cores,
# N messages at concurrency 64 and 1000 through ours, the official SDK and a bare Reactor Netty client, each run
# repeated; prints every result line and then the medians. Usage: benchmarks/load.sh [N] [repeats] [op] [warm-up]
# The warm-up (default 50,000 messages) lets the JIT finish compiling the client on its single core: with 10,000
# the measured loop still pays for compilation.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50000}
REPEATS=${2:-3}
OP=${3:-helpdesk}
WARMUP=${4:-50000}
PORT=9099
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests

taskset -c 1 java -Xmx512m -cp "$JAR" io.github.larkapprovalbot.benchmarks.load.LoadStub $PORT 10 &
STUB=$!
trap 'kill $STUB 2>/dev/null || true' EXIT
sleep 3

RESULTS=$(mktemp)
for C in 64 1000; do
  for CLIENT in ours sdk bare; do
    for R in $(seq 1 "$REPEATS"); do
      taskset -c 0 java -Xmx1g -cp "$JAR" io.github.larkapprovalbot.benchmarks.load.LoadHarness \
        "$CLIENT" "$OP" "$N" "$C" "$WARMUP" "http://127.0.0.1:$PORT" | grep RESULT | tee -a "$RESULTS"
    done
  done
done
for CLIENT in ours sdk; do
  taskset -c 0 java -Xmx1g -cp "$JAR" io.github.larkapprovalbot.benchmarks.load.LoadHarness \
    "$CLIENT" coldburst 0 1000 0 "http://127.0.0.1:$PORT" | grep RESULT | tee -a "$RESULTS"
done

python3 - "$RESULTS" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    fields = dict(f.split("=", 1) for f in line.split()[1:])
    if fields["op"] == "coldburst":
        continue
    runs[(fields["c"], fields["client"])].append(fields)
print("\n| C | client | msg/s | p50 ms | p99 ms | CPU s / 1000 | peak heap MB | token requests |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
med = {}
for (c, client), rs in sorted(runs.items(), key=lambda kv: (int(kv[0][0]), kv[0][1])):
    m = {k: statistics.median(float(r[k]) for r in rs) for k in ("msgPerSec", "p50ms", "p99ms", "cpuSecPer1000", "peakHeapMb", "tokenRequests")}
    med[(c, client)] = m
    print(f"| {c} | {client} | {m['msgPerSec']:.0f} | {m['p50ms']:.1f} | {m['p99ms']:.1f} | {m['cpuSecPer1000']:.3f} | {m['peakHeapMb']:.0f} | {m['tokenRequests']:.0f} |")
print("\n| C | ours/SDK msg/s | ours/bare msg/s | ours/SDK CPU | ours/SDK p99 |")
print("| --- | --- | --- | --- | --- |")
for c in sorted({k[0] for k in med}, key=int):
    o, s, b = med[(c, "ours")], med[(c, "sdk")], med[(c, "bare")]
    print(f"| {c} | {o['msgPerSec']/s['msgPerSec']:.2f} | {o['msgPerSec']/b['msgPerSec']:.2f} | {o['cpuSecPer1000']/s['cpuSecPer1000']:.2f} | {o['p99ms']/s['p99ms']:.2f} |")
PY

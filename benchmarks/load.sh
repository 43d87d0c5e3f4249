#!/usr/bin/env bash
# Runs the load harness as BENCHMARKS.md describes: the server (the test library's sandbox, fresh for each run) and
# the client in separate processes pinned to separate cores, N messages at concurrency 64 and 1000 through every
# client, interleaved (each repetition runs every client once, so that drift on this shared machine touches them all
# alike); prints every result line and then the medians and ratios. Usage: benchmarks/load.sh [N] [repeats] [op] [warm-up] [clients]
# The warm-up (default 50,000 messages) lets the JIT finish compiling the client on its single core: with 10,000
# the measured loop still pays for compilation.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50000}
REPEATS=${2:-3}
OP=${3:-helpdesk}
WARMUP=${4:-50000}
CLIENTS=${5:-"ours webclient sdk bare ours-jdk webclient-jdk"}
source benchmarks/harness.sh

RESULTS=$(mktemp)
for C in 64 1000; do
  for R in $(seq 1 "$REPEATS"); do
    for CLIENT in $CLIENTS; do
      harness_run "$CLIENT" "$OP" "$N" "$C" "$WARMUP"
    done
  done
done
for CLIENT in ours sdk; do
  harness_run "$CLIENT" coldburst 0 1000 0
done

python3 - "$RESULTS" <<'PY'
import sys
sys.path.insert(0, "benchmarks")
from medians import medians
med = medians(sys.argv[1], (("peakHeapMb", "peak heap MB", ".0f"), ("tokenRequests", "token requests", ".0f")))
def ratio(c, a, b, key):
    return f"{med[(c, a)][key] / med[(c, b)][key]:.2f}" if (c, a) in med and (c, b) in med else "-"
print("\n| C | CPU ours/webclient | CPU ours/SDK | msg/s ours/SDK | p99 ours/SDK | CPU ours-jdk/webclient-jdk |")
print("| --- | --- | --- | --- | --- | --- |")
for c in sorted({k[0] for k in med}, key=int):
    print(f"| {c} | {ratio(c, 'ours', 'webclient', 'cpuSecPer1000')} | {ratio(c, 'ours', 'sdk', 'cpuSecPer1000')} "
          f"| {ratio(c, 'ours', 'sdk', 'msgPerSec')} | {ratio(c, 'ours', 'sdk', 'p99ms')} "
          f"| {ratio(c, 'ours-jdk', 'webclient-jdk', 'cpuSecPer1000')} |")
PY

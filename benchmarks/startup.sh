#!/usr/bin/env bash
# What the starter adds to the start-up of a minimal Spring MVC + Actuator application that injects the messenger:
# packages benchmarks/startup without and with the starter (profile "starter"; install the project first), runs the
# two jars alternately, and prints Boot's own "Started Demo in ... seconds" of each run, then the medians.
# Usage: benchmarks/startup.sh [runs of each, default 7] [extra profiles of both, e.g. "validation"]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
EXTRA=${2:+,$2}
DEMO=benchmarks/startup
OUT=$(mktemp -d)
./mvnw -q -f $DEMO/pom.xml -P"none$EXTRA" clean package && cp $DEMO/target/startup-demo-0.jar "$OUT/base.jar"
./mvnw -q -f $DEMO/pom.xml -P"starter$EXTRA" clean package && cp $DEMO/target/startup-demo-0.jar "$OUT/starter.jar"
for R in $(seq 1 "$RUNS"); do
  for APP in base starter; do
    SECONDS_TAKEN=$(java -jar "$OUT/$APP.jar" | sed -n 's/.*Started Demo in \([0-9.]*\) seconds.*/\1/p')
    echo "STARTUP app=$APP run=$R seconds=$SECONDS_TAKEN" | tee -a "$OUT/results"
  done
done
python3 - "$OUT/results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    fields = dict(f.split("=") for f in line.split()[1:])
    runs.setdefault(fields["app"], []).append(float(fields["seconds"]))
base, starter = statistics.median(runs["base"]), statistics.median(runs["starter"])
print(f"median of {len(runs['base'])}: base {base:.3f} s, with the starter {starter:.3f} s, "
      f"added {starter - base:+.3f} s ({100 * (starter - base) / base:+.1f}%)")
PY

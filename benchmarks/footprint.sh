#!/usr/bin/env bash
# What the starter adds to the runtime class path of a minimal Spring MVC + Actuator application (benchmarks/startup,
# without and with the profile "starter"; install the project first): the jars only the second has, with their sizes
# (MB = 10^6 bytes). The dependency plugin's flag is -DincludeScope (not -Dmdep.includeScope, which it ignores).
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO=benchmarks/startup
OUT=$(mktemp -d)
./mvnw -q -f $DEMO/pom.xml dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$OUT/base.txt"
./mvnw -q -f $DEMO/pom.xml -Pstarter dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile="$OUT/starter.txt"
python3 - "$OUT/base.txt" "$OUT/starter.txt" <<'PY'
import os, sys
def jars(path):
    return {p for p in open(path).read().strip().split(os.pathsep) if p}
base, starter = jars(sys.argv[1]), jars(sys.argv[2])
added = sorted(starter - base, key=lambda p: -os.path.getsize(p))
size = lambda paths: sum(os.path.getsize(p) for p in paths)
print(f"baseline: {len(base)} jars, {size(base):,} bytes")
print(f"with the starter: {len(starter)} jars, {size(starter):,} bytes")
print(f"added: {len(added)} jars, {size(added):,} bytes ({size(added) / 1e6:.2f} MB)")
for p in added:
    print(f"  {os.path.basename(p)} {os.path.getsize(p):,}")
PY

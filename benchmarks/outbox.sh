#!/usr/bin/env bash
# The outbox's two figures (#23), on a PostgreSQL started for the run: Debian's postgresql package (the newest major
# installed), as the postgres user when run as root (PostgreSQL refuses root), on a free port, fsync off, in a
# temporary directory deleted at the end whatever happens.
#   write:    OutboxWriteBenchmark (JMH: an outbox send in a transaction against a plain insert of the same
#             payload, on PostgreSQL and H2 in memory) and PayloadBenchmark.validateAndSerialize, in ROUNDS rounds of
#             one fork each, so that drift on this shared machine touches every variant alike; prints the medians of
#             the rounds and the median of each round's outbox/plain ratio.
#   delivery: OutboxDeliveryHarness, ROWS sends recorded, then delivered by one outbox instance and by two, interleaved
#             (each round runs both), ROUNDS rounds, a fresh JVM per run; prints the medians.
# Every round, and every delivery run, first waits (at most 10 minutes) for the 1-minute load average to drop below
# QUIET_LOAD (default: the number of cores), so that a build running beside it does not land in the figures.
# POSTGRES_OPTIONS are added to the server's command line (e.g. "-c log_min_duration_statement=5"); its log is kept
# with the results.
# Usage: benchmarks/outbox.sh [rounds, default 5] [rows, default 20000] [parts, default "write delivery"]
#        [warm-up rows of each delivery run, default 10000]
# Needs benchmarks/target/benchmarks.jar: ./mvnw -q -Pbenchmarks -pl benchmarks package -DskipTests (the project
# installed first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
ROWS=${2:-20000}
PARTS=${3:-"write delivery"}
WARMUP=${4:-10000}
QUIET_LOAD=${QUIET_LOAD:-$(nproc)}
POSTGRES_OPTIONS=${POSTGRES_OPTIONS:-}
JAR=$PWD/benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "No $JAR: ./mvnw -q -Pbenchmarks -pl benchmarks package -DskipTests" >&2; exit 1; }

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1)
[ -x "$BIN/initdb" ] || { echo "PostgreSQL is needed: apt-get install postgresql" >&2; exit 1; }
PGDIR=$(mktemp -d -t outbox-postgres-XXXXXX)
OUT=$(mktemp -d -t outbox-results-XXXXXX)
AS_POSTGRES=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PGDIR"
  # setpriv (util-linux) becomes the user and executes the command in place: $! is the server's own pid
  AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PG=
cleanup() {
  # SIGINT is PostgreSQL's fast shutdown: sessions end, shared memory goes with the server
  if [ -n "$PG" ]; then kill -INT "$PG" 2>/dev/null || true; wait "$PG" 2>/dev/null || true; fi
  cp "$PGDIR/postgres.log" "$OUT/" 2>/dev/null || true
  rm -rf "$PGDIR"
}
trap cleanup EXIT

(cd "$PGDIR" && "${AS_POSTGRES[@]}" "$BIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-locale \
  --no-sync --no-instructions >"$PGDIR/initdb.log" 2>&1) || { cat "$PGDIR/initdb.log" >&2; exit 1; }
# Commits stay synchronous, but nothing is flushed to the disk: a commit costs a WAL write, not a flush.
(cd "$PGDIR" && exec "${AS_POSTGRES[@]}" "$BIN/postgres" -D "$PGDIR/data" -p "$PGPORT" \
  -c listen_addresses=127.0.0.1 -c unix_socket_directories="$PGDIR" -c max_connections=200 -c fsync=off \
  -c full_page_writes=off -c dynamic_shared_memory_type=mmap $POSTGRES_OPTIONS >"$PGDIR/postgres.log" 2>&1) &
PG=$!
until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; do
  kill -0 "$PG" 2>/dev/null || { cat "$PGDIR/postgres.log" >&2; exit 1; }
  sleep 0.1
done
"$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres lark
URL="jdbc:postgresql://127.0.0.1:$PGPORT/lark"
echo "$("$BIN/postgres" --version) on port $PGPORT (pid $PG), fsync=off${POSTGRES_OPTIONS:+ $POSTGRES_OPTIONS}; results in $OUT"

wait_quiet() {
  local waited=0
  while python3 -c "import os, sys; sys.exit(os.getloadavg()[0] < $QUIET_LOAD)" && [ $waited -lt 600 ]; do
    sleep 10
    waited=$((waited + 10))
  done
  echo "$1, load average $(cut -d' ' -f1-3 /proc/loadavg) after waiting ${waited} s"
}

if [[ " $PARTS " == *" write "* ]]; then
  for R in $(seq 1 "$ROUNDS"); do
    wait_quiet "round $R"
    CMD=(java -jar "$JAR" OutboxWriteBenchmark PayloadBenchmark.validateAndSerialize -f 1 -wi 20 -w 1s -i 10 -r 1s
      -rf json -rff "$OUT/write-$R.json" -jvmArgsAppend "-Doutbox.postgres=$URL")
    echo "+ ${CMD[*]}"
    "${CMD[@]}" >"$OUT/write-$R.log" 2>&1 || { tail -50 "$OUT/write-$R.log" >&2; exit 1; }
    if grep -q '<failure>' "$OUT/write-$R.log"; then grep -A 20 '<failure>' "$OUT/write-$R.log" >&2; exit 1; fi
    sed -n '/^Benchmark /,$p' "$OUT/write-$R.log"
  done
  python3 benchmarks/outbox_summary.py write "$OUT" "$ROUNDS"
fi

if [[ " $PARTS " == *" delivery "* ]]; then
  for R in $(seq 1 "$ROUNDS"); do
    for INSTANCES in 1 2; do
      wait_quiet "round $R"
      CMD=(java -Xmx2g -cp "$JAR" io.github.larkapprovalbot.benchmarks.OutboxDeliveryHarness "$URL" "$ROWS"
        "$INSTANCES" "$WARMUP" "$PG")
      echo "+ ${CMD[*]}"
      "${CMD[@]}" | grep RESULT | tee -a "$OUT/delivery" || { echo "FAILED instances=$INSTANCES" >&2; exit 1; }
    done
  done
  python3 benchmarks/outbox_summary.py delivery "$OUT"
fi

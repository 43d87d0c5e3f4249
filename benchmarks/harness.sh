# Sourced by the benchmark scripts. harness_run CLIENT OP N C WARMUP [JVM options...] runs the load harness once
# against a fresh SandboxServer (it keeps every message, so each run gets its own), the server on core 1 and the
# client on core 0, and appends the RESULT line to $RESULTS.
JAR=benchmarks/target/benchmarks.jar
PORT=9099
[ -f "$JAR" ] || ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests

harness_run() {
  local client=$1 op=$2 n=$3 c=$4 warmup=$5
  shift 5
  taskset -c 1 java -Xmx2g -cp "$JAR" io.github.larkapprovalbot.benchmarks.load.SandboxServer $PORT 10 >/dev/null &
  local server=$!
  until curl -s -o /dev/null "http://127.0.0.1:$((PORT + 1))/stats"; do sleep 0.2; done
  taskset -c 0 java -Xmx1g "$@" -cp "$JAR" io.github.larkapprovalbot.benchmarks.load.LoadHarness \
    "$client" "$op" "$n" "$c" "$warmup" "http://127.0.0.1:$PORT" | grep RESULT | tee -a "$RESULTS" \
    || echo "FAILED client=$client op=$op c=$c (see above)"
  kill $server
  wait $server 2>/dev/null || true
}

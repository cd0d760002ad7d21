#!/usr/bin/env bash
# Hot GET /media/{id} (the share page, cached) from two gateway jars, "before" and "after" a change, measured by the
# same wrk in alternating runs; prints each run, the medians and the ratio after/before.
# Needs: two gateway jars (mvn -B -q package -DskipTests in each tree), wrk and curl. See load-tests/README.md.
set -euo pipefail
USAGE="load-tests/bench-share-page-ab.sh BEFORE_JAR [id=sectoid-feelings] [runs=3 (1-20)] [seconds=15 (1-600)] [connections=64 (1-4096)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help || $# -lt 1 ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 5 )) || usage_error "too many arguments"
BEFORE_JAR=$1; ID=${2:-sectoid-feelings}; RUNS=${3:-3}; SECS=${4:-15}; CONNS=${5:-64}
[[ "$ID" =~ ^[A-Za-z0-9_-]{1,64}$ ]] || usage_error "id must match [A-Za-z0-9_-]{1,64}, was '$ID'"
require_int runs "$RUNS" 1 20
require_int seconds "$SECS" 1 600
require_int connections "$CONNS" 1 4096
require_tools wrk curl
require_jars "$BEFORE_JAR" "$GATEWAY_JAR"
BEFORE_PORT=18390; AFTER_PORT=18391
WARMUP=$(( SECS < 5 ? SECS : 5 ))
start_results bench-share-page-ab

# both run the default config on the embedded demo catalogue, access log and anonymous rate limit off
run_gateway() {  # run_gateway JAR PORT LOG
  java -Dplaygate.server.port="$2" -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
    -Dplaygate.management.port=0 -Dplaygate.partners.anonymous.capacity=0 -jar "$1" > "$3" 2>&1 &
  started $!
}
run_gateway "$BEFORE_JAR" $BEFORE_PORT "$RESULTS/before.log"
run_gateway "$GATEWAY_JAR" $AFTER_PORT "$RESULTS/after.log"
wait_http "http://127.0.0.1:$BEFORE_PORT/health/ready" before
wait_http "http://127.0.0.1:$AFTER_PORT/health/ready" after
B="http://127.0.0.1:$BEFORE_PORT/media/$ID"; A="http://127.0.0.1:$AFTER_PORT/media/$ID"
curl -fs "$B" > "$RESULTS/before.html"; curl -fs "$A" > "$RESULTS/after.html"   # also warms the caches

echo "GET /media/$ID: before $(wc -c < "$RESULTS/before.html") bytes, after $(wc -c < "$RESULTS/after.html") bytes;" \
  "wrk -t2 -c$CONNS -d${SECS}s, $RUNS alternating runs each; load average $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$RESULTS/runs.txt"
wrk -t2 -c"$CONNS" -d"${WARMUP}s" "$B" > /dev/null                            # JIT warm-up
wrk -t2 -c"$CONNS" -d"${WARMUP}s" "$A" > /dev/null
ab_runs "$RUNS" "$CONNS" "$SECS" "$B" "$A"
mb=$(median "${BE[@]}"); ma=$(median "${AF[@]}")
summary "scenario: hot GET /media/$ID, before vs after, $RUNS alternating runs of ${SECS}s, wrk -t2 -c$CONNS" \
  "median: before $mb req/s, after $ma req/s, ratio after/before $(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", a/b}')" \
  "results: ${RESULTS#"$LT_ROOT"/}"

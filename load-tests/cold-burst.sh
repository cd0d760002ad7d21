#!/usr/bin/env bash
# Coalescing under a cold burst: a remote-mode gateway in front of the hub simulator (300 ms latency fault); each run
# sends N concurrent /oembed requests for a different, uncached id and reports the hub requests it caused and the
# time from the first response (the hub has just answered) to the last waiter's response, and the gateway's CPU
# time over that span. Prints the medians. GATEWAY_JAR=<jar> in the environment measures another build.
# Needs: the gateway and simulator jars (mvn -B -q package -DskipTests) and curl. Loopback only.
set -euo pipefail
USAGE="load-tests/cold-burst.sh [runs=5 (1-40)] [concurrency=1000 (1-5000)] [warmups=1 (1-50)] [hot=0 (0-1000000)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 4 )) || usage_error "too many arguments"
RUNS=${1:-5}; N=${2:-1000}; WARMUPS=${3:-1}; HOT=${4:-0}
require_int runs "$RUNS" 1 40
require_int concurrency "$N" 1 5000
require_int warmups "$WARMUPS" 1 50
require_int hot "$HOT" 0 1000000
require_tools curl
require_jars "$GATEWAY_JAR" "$SIMULATOR_JAR"
HUB_PORT=18390; ADMIN_PORT=18391; GW_PORT=18392
start_results cold-burst
cd "$LT_ROOT"

CATALOG=$LT_ROOT/load-tests/target/catalog-100
[[ -f $CATALOG/catalog.index ]] || "$LT_ROOT/load-tests/generate-catalog.sh" synthetic 100 "$CATALOG" > /dev/null
java -jar "$SIMULATOR_JAR" --catalog "$CATALOG" --port $HUB_PORT --admin-port $ADMIN_PORT > "$RESULTS/hub.log" 2>&1 &
started $!
start_gateway gateway $GW_PORT -Dplaygate.server.publicBaseUrl=http://localhost:$GW_PORT \
  -Dplaygate.hub.mode=remote -Dplaygate.hub.url=http://127.0.0.1:$HUB_PORT/hub
wait_http "http://127.0.0.1:$ADMIN_PORT/admin/faults" "hub simulator"
wait_http "http://127.0.0.1:$GW_PORT/health/ready" gateway
curl -fsS -X PUT "http://127.0.0.1:$ADMIN_PORT/admin/faults" -H 'Content-Type: application/json' \
  -d '{"latency":"300ms"}' > /dev/null
IDS=(); for ((i = 1; i <= WARMUPS + RUNS; i++)); do IDS+=("ck-t$i"); done
# one JVM for all bursts: the warm-ups (JIT, connections) are marked and not counted
java -Dgateway.pid="$GW_PID" -Dwarmup.bursts="$WARMUPS" -Dwarmup.hotRequests="$HOT" -cp "$GATEWAY_JAR" \
  load-tests/ColdBurst.java "http://127.0.0.1:$GW_PORT" "http://127.0.0.1:$ADMIN_PORT" "$N" "${IDS[@]}" \
  | tee "$RESULTS/bursts.txt"
FAN=(); HUB=(); CPU=()
while read -r line; do
  FAN+=("$(sed -E 's/.*hubAnswerToLastWaiterMs=([0-9.]+).*/\1/' <<< "$line")")
  HUB+=("$(sed -E 's/.*hubRequests=([0-9]+).*/\1/' <<< "$line")")
  CPU+=("$(sed -E 's/.*gatewayCpuAnswerToLastWaiterMs=([0-9.]+).*/\1/' <<< "$line")")
done < <(grep '^burst' "$RESULTS/bursts.txt")
(( ${#HUB[@]} == RUNS )) || { echo "cold-burst.sh: expected $RUNS bursts, got ${#HUB[@]}; see $RESULTS" >&2; exit 1; }
summary "scenario: cold burst, $RUNS runs of $N concurrent /oembed requests, hub latency 300ms," \
  "  after $WARMUPS warm-up bursts and $HOT hot requests" \
  "hub requests per burst: ${HUB[*]}" \
  "median hub-answer-to-last-waiter: $(median "${FAN[@]}") ms" \
  "median gateway CPU from the hub's answer to the last waiter: $(median "${CPU[@]}") ms (all threads)" \
  "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" \
  "results: ${RESULTS#"$LT_ROOT"/}"

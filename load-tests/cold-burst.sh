#!/usr/bin/env bash
# Coalescing under a cold burst: a remote-mode gateway in front of the standalone local hub (300 ms latency fault);
# each run sends N concurrent /oembed requests for a different, uncached id and reports the hub requests it caused
# and the time from the first response (the hub has just answered) to the last waiter's response. Prints the medians.
# Needs a built jar (mvn -B -q package -DskipTests). Loopback only.
# Usage: load-tests/cold-burst.sh [runs=5 (at most 15)] [concurrency=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; N=${2:-1000}
HUB_PORT=18390; ADMIN_PORT=18391; GW_PORT=18392
JAR=gateway/target/playgate-gateway.jar
WORK=$(mktemp -d)
cleanup() { for p in ${GW_PID:-} ${HUB_PID:-}; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

java -Dplaygate.server.port=$HUB_PORT -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
  -jar $JAR hub --admin-port $ADMIN_PORT > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
java -Dplaygate.server.port=$GW_PORT -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
  -Dplaygate.server.publicBaseUrl=http://localhost:$GW_PORT -Dplaygate.partners.anonymous.capacity=0 -Dplaygate.hub.mode=remote -Dplaygate.hub.url=http://127.0.0.1:$HUB_PORT/hub -jar $JAR > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$GW_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS -X PUT "http://127.0.0.1:$ADMIN_PORT/admin/faults" -H 'Content-Type: application/json' \
  -d '{"latency":"300ms"}' > /dev/null
IDS=(sectoid-escape-from-chaosland sectoid-feelings sectoid-metal-madness sectoid-war-of-freedom muldjord-armygeddon
     muldjord-chaos-god muldjord-internal-degeneration muldjord-mutilated-mime renich-to-be-happy
     gloumouth1-descente-infinie french-grand-prix-1906 big-buck-bunny imageio-cockatoo sectoid-fof muldjord-fof)
# one JVM for all bursts: the first, on playgate-demo-mix, is a warm-up (JIT, connections) and not counted
java -cp $JAR load-tests/ColdBurst.java "http://127.0.0.1:$GW_PORT" "http://127.0.0.1:$ADMIN_PORT" "$N" \
  playgate-demo-mix "${IDS[@]:0:$RUNS}" | tee "$WORK/bursts.txt"
FAN=(); HUB=()
while read -r line; do
  FAN+=("$(sed -E 's/.*hubAnswerToLastWaiterMs=([0-9.]+).*/\1/' <<< "$line")")
  HUB+=("$(sed -E 's/.*hubRequests=([0-9]+).*/\1/' <<< "$line")")
done < <(grep -v '^warm-up' "$WORK/bursts.txt")
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "hub requests per burst: ${HUB[*]}"
echo "median hub-answer-to-last-waiter: $(median "${FAN[@]}") ms over $RUNS runs of $N concurrent requests"

#!/usr/bin/env bash
# Several nodes as one gateway: redis-server, the hub simulator, three remote-mode gateway nodes sharing that Redis
# (cache.redis.url) and Debian's nginx round-robin in front of them (the README's "Running several nodes" example),
# all on loopback; then, in turn:
#   1. cold keys: 1,000 concurrent /oembed for one uncached id through nginx (so spread over the three nodes) while
#      the hub answers in 300 ms, on several ids: hub calls per cold key (1 is right);
#   2. takedowns: TAKEDOWNS signed media.removed webhooks to node 1, each timed from its 204 to the last other node's
#      first 404 (load-tests/TakedownLag.java): p50, p99, max;
#   3. a Redis outage: wrk through nginx over every cached path while redis-server is killed for OUTAGE seconds and
#      started again: failed requests (0 is right), the nodes' redis state after, and second-level hits resuming;
#   4. a rolling restart: wrk through nginx while each node in turn gets SIGTERM, exits by itself and is started
#      again: failed requests (0 is right);
#   5. throughput of 1, 2 and 3 nodes behind nginx on one hot /oembed (wrk -t1 -c64, BENCH seconds, 3 alternating
#      rounds, medians).
# Stops everything it started. Needs: the gateway and simulator jars (mvn -B -q package -DskipTests), redis-server,
# nginx, wrk, jq, curl. Loopback only, ports 18620-18639.
set -euo pipefail
USAGE="load-tests/cluster.sh [takedowns=100 (1-1000)] [outage-seconds=60 (5-600)] [bench-seconds=10 (3-120)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 3 )) || usage_error "too many arguments"
TAKEDOWNS=${1:-100}; OUTAGE=${2:-60}; BENCH=${3:-10}
require_int takedowns "$TAKEDOWNS" 1 1000
require_int outage-seconds "$OUTAGE" 5 600
require_int bench-seconds "$BENCH" 3 120
require_tools wrk jq curl redis-server redis-cli
[[ -x /usr/sbin/nginx ]] || { echo "$(basename "$0"): needs Debian's nginx (apt-get install -y nginx)" >&2; exit 2; }
require_jars "$GATEWAY_JAR" "$SIMULATOR_JAR"
REDIS_PORT=18620; HUB_PORT=18621; ADMIN_PORT=18622; NGINX_PORT=18623
NODE_PORTS=(18624 18625 18626); MGMT_PORTS=(18627 18628 18629); NGINX_ONE=18630; NGINX_TWO=18631
SECRET=cluster-sh-webhook-secret-0123456789
PUBLIC="http://localhost:$NGINX_PORT"   # every node's public base URL: nginx's address
HUB_URL="http://127.0.0.1:$HUB_PORT/hub"
ADMIN="http://127.0.0.1:$ADMIN_PORT"
NODE_ARGS=(-Dplaygate.cache.redis.url=redis://127.0.0.1:$REDIS_PORT -Dplaygate.hub.webhookSecret=$SECRET)
start_results cluster
cd "$LT_ROOT"

REDIS_PID=
start_redis() {
  redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --dir "$RESULTS" \
    --logfile "$RESULTS/redis.log" > /dev/null 2>&1 &
  REDIS_PID=$!
  started $!
  until redis-cli -p $REDIS_PORT ping > /dev/null 2>&1; do sleep 0.05; done
}
faults() { curl -fsS -X PUT "$ADMIN/admin/faults" -H 'Content-Type: application/json' -d "$1" > /dev/null; }
oembed_path() { echo "/oembed?url=$(jq -rn --arg u "$PUBLIC/media/$1" '$u|@uri')"; }
l2_hits() {  # second-level hits a node counted so far
  curl -fsS "http://127.0.0.1:${MGMT_PORTS[$1]}/metrics" \
    | awk '/^playgate_cache_lookups_total\{/ && /level="l2"/ && /result="hit"/ {s += $NF} END {print s + 0}'
}

start_redis
java -jar "$SIMULATOR_JAR" --port $HUB_PORT --admin-port $ADMIN_PORT > "$RESULTS/hub.log" 2>&1 &
started $!
wait_http "$ADMIN/admin/faults" "hub simulator"
for i in 0 1 2; do start_node $i 0; done
for i in 0 1 2; do wait_http "http://127.0.0.1:${NODE_PORTS[$i]}/health/ready" "node $i"; done
start_nginx_upstream nginx $NGINX_PORT "${NODE_PORTS[@]}"

# the demo ids whose /oembed answers 200 (the rights demos refuse on purpose); every route of them for the load
IDS=(); : > "$RESULTS/paths"
for id in $(jq -r '.media[].id' conf/catalog/catalog.json); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT$(oembed_path "$id")") == 200 ]] || continue
  IDS+=("$id")
  for p in "$(oembed_path "$id")" "/embed/$id" "/media/$id"; do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT$p") == 200 ]] && echo "$p"
  done >> "$RESULTS/paths"
done
echo "ids answering 200: ${#IDS[@]}; paths: $(grep -c . "$RESULTS/paths")"

# 1. cold keys: finding the ids cached them everywhere, so empty Redis and restart the nodes first
redis-cli -p $REDIS_PORT flushall > /dev/null
faults '{"latency":"300ms"}'
for i in 0 1 2; do kill -TERM "${NODE_PIDS[$i]}"; wait "${NODE_PIDS[$i]}" || true; start_node $i 1; done
for i in 0 1 2; do wait_http "http://127.0.0.1:${NODE_PORTS[$i]}/health/ready" "node $i"; done
java -cp "$GATEWAY_JAR" load-tests/ColdBurst.java "http://127.0.0.1:$NGINX_PORT" "$ADMIN" 1000 \
  playgate-demo-mix "${IDS[@]:0:5}" | tee "$RESULTS/bursts.txt"
HUBCALLS=(); while read -r line; do
  HUBCALLS+=("$(sed -E 's/.*hubRequests=([0-9]+).*/\1/' <<< "$line")")
done < <(grep '^burst' "$RESULTS/bursts.txt")
faults '{}'

# 2. takedowns, each put back with media.updated before its id comes round again
if java -cp "$GATEWAY_JAR" load-tests/TakedownLag.java "$SECRET" "$PUBLIC" "$TAKEDOWNS" \
    "http://127.0.0.1:${NODE_PORTS[0]}" "http://127.0.0.1:${NODE_PORTS[1]}" "http://127.0.0.1:${NODE_PORTS[2]}" \
    -- "${IDS[@]}" > "$RESULTS/takedowns.txt" 2>&1; then
  TAKEDOWN_LINE=$(tail -1 "$RESULTS/takedowns.txt")
else
  TAKEDOWN_LINE="FAILED: $(tail -1 "$RESULTS/takedowns.txt")"
fi
faults '{}'

# 3. a Redis outage under load
for p in $(cat "$RESULTS/paths"); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT$p"; done
PATHS_FILE="$RESULTS/paths" wrk -t2 -c16 -d"$(( OUTAGE + 20 ))s" --timeout 10s -s load-tests/rotate-paths.lua \
  "http://127.0.0.1:$NGINX_PORT" > "$RESULTS/wrk-outage.txt" &
WRK=$!; started $WRK
sleep 10
kill -9 "$REDIS_PID"; wait "$REDIS_PID" 2> /dev/null || true
sleep "$OUTAGE"
start_redis
wait $WRK || true
OUTAGE_FAILED=$(wrk_failures "$RESULTS/wrk-outage.txt")
STATES=""; for i in 0 1 2; do
  for _ in $(seq 1 100); do
    s=$(curl -s "http://127.0.0.1:${NODE_PORTS[$i]}/health/ready" | jq -r '.checks[0].data.redis')
    [[ $s == up ]] && break; sleep 0.1
  done
  STATES+="node $i: $s; "
done
# an entry node 1 fetches is read from the second level by node 2, without restarting anything: a signed
# media.updated drops the id everywhere first
body="{\"event\":\"media.updated\",\"ids\":[\"${IDS[0]}\"]}"
sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $NF}')
curl -fsS -o /dev/null -X POST "http://127.0.0.1:${NODE_PORTS[0]}/hooks/hub" -H 'Content-Type: application/json' \
  -H "X-Hub-Signature-256: sha256=$sig" --data-binary "$body"
sleep 1
before=$(l2_hits 1)
curl -s -o /dev/null "http://127.0.0.1:${NODE_PORTS[0]}$(oembed_path "${IDS[0]}")"
curl -s -o /dev/null "http://127.0.0.1:${NODE_PORTS[1]}$(oembed_path "${IDS[0]}")"
L2_AFTER=$(( $(l2_hits 1) - before ))

# 4. a rolling restart under load
PATHS_FILE="$RESULTS/paths" wrk -t2 -c16 -d60s --timeout 10s -s load-tests/rotate-paths.lua \
  "http://127.0.0.1:$NGINX_PORT" > "$RESULTS/wrk-rolling.txt" &
WRK=$!; started $WRK
sleep 10
roll_nodes 2 > "$RESULTS/timeline.txt"
wait $WRK || true
ROLL_FAILED=$(wrk_failures "$RESULTS/wrk-rolling.txt")

# 5. throughput of 1, 2 and 3 nodes behind nginx, alternating
start_nginx_upstream nginx-one $NGINX_ONE "${NODE_PORTS[0]}"
start_nginx_upstream nginx-two $NGINX_TWO "${NODE_PORTS[0]}" "${NODE_PORTS[1]}"
HOT=$(oembed_path "${IDS[0]}")
declare -A RPS=([1]="" [2]="" [3]="")
for round in 1 2 3; do
  for k in 1 2 3; do
    port=$([[ $k == 1 ]] && echo $NGINX_ONE || { [[ $k == 2 ]] && echo $NGINX_TWO || echo $NGINX_PORT; })
    wrk -t1 -c64 -d"${BENCH}s" "http://127.0.0.1:$port$HOT" > "$RESULTS/wrk-nodes$k-$round.txt"
    RPS[$k]+="$(awk '/Requests\/sec/ {print $2}' "$RESULTS/wrk-nodes$k-$round.txt") "
  done
done

summary "scenario: 3 gateway nodes + redis-server + nginx round-robin (README example), loopback, 2 shared cores" \
  "1. cold keys: 1000 concurrent /oembed per id through nginx, hub latency 300 ms: hub calls per key ${HUBCALLS[*]} (median $(median "${HUBCALLS[@]}"))" \
  "2. takedown propagation, webhook 204 on node 1 -> last other node's 404: $TAKEDOWN_LINE" \
  "3. redis outage of ${OUTAGE}s under wrk -t2 -c16 (cached paths): $(awk '/requests in/ {print $1}' "$RESULTS/wrk-outage.txt") requests, failed $OUTAGE_FAILED; after: $STATES second-level hits on node 2 for an entry node 1 fetched: $L2_AFTER" \
  "4. rolling restart under wrk -t2 -c16 for 60s: $(awk '/requests in/ {print $1}' "$RESULTS/wrk-rolling.txt") requests, failed $ROLL_FAILED" \
  "$(sed 's/^/     /' "$RESULTS/timeline.txt")" \
  "5. hot /oembed through nginx, wrk -t1 -c64 -d${BENCH}s x3: 1 node ${RPS[1]}(median $(median ${RPS[1]})), 2 nodes ${RPS[2]}(median $(median ${RPS[2]})), 3 nodes ${RPS[3]}(median $(median ${RPS[3]})) req/s" \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)" \
  "results: ${RESULTS#"$LT_ROOT"/}"

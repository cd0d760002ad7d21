#!/usr/bin/env bash
# A hub outage under steady load: a remote-mode gateway (default config: stale-if-error 10m, circuit breaker
# 5 failures / 5 s reset) in front of the hub simulator, whose max-age is cut to 5 s so every entry turns stale during
# the outage. After warming every catalogue id, wrk sends a steady load over /oembed, /embed/{id} and /media/{id} of
# those cached ids; 10 s in, the simulator's admin API switches on a full outage (connections closed without an
# answer) for the given seconds, then off again; wrk runs 10 s more. Cached ids must see no error at all. Halfway
# through the outage a few requests for ids the gateway never cached show what they get, and how fast.
# Needs: the gateway and simulator jars (mvn -B -q package -DskipTests), wrk, jq and curl. Loopback only.
set -euo pipefail
USAGE="load-tests/hub-outage.sh [outage seconds=60 (2-3600)] [connections=32 (1-1024)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 2 )) || usage_error "too many arguments"
OUTAGE=${1:-60}; CONNS=${2:-32}
require_int "outage seconds" "$OUTAGE" 2 3600
require_int connections "$CONNS" 1 1024
OUTAGE=$(( 10#$OUTAGE )); CONNS=$(( 10#$CONNS ))
require_tools wrk jq curl
require_jars "$GATEWAY_JAR" "$SIMULATOR_JAR"
HUB_PORT=18393; ADMIN_PORT=18394; GW_PORT=18395
ADMIN="http://127.0.0.1:$ADMIN_PORT/admin"
GW="http://127.0.0.1:$GW_PORT"
PUBLIC="http://localhost:$GW_PORT"   # the public base URL: oEmbed refuses URLs with IP-literal hosts
PROBE_AT=$(( OUTAGE / 2 ))           # seconds into the outage when the uncached ids are tried
start_results hub-outage
cd "$LT_ROOT"

java -jar "$SIMULATOR_JAR" --port $HUB_PORT --admin-port $ADMIN_PORT --max-age 5s > "$RESULTS/hub.log" 2>&1 &
started $!
java -Dplaygate.server.port=$GW_PORT -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
  -Dplaygate.management.port=0 \
  -Dplaygate.server.publicBaseUrl=$PUBLIC -Dplaygate.partners.anonymous.capacity=0 -Dplaygate.hub.mode=remote \
  -Dplaygate.hub.url=http://127.0.0.1:$HUB_PORT/hub -jar "$GATEWAY_JAR" > "$RESULTS/gateway.log" 2>&1 &
started $!
wait_http "$ADMIN/faults" "hub simulator"
wait_http "$GW/health/ready" gateway

IDS=(sectoid-escape-from-chaosland sectoid-feelings sectoid-metal-madness sectoid-war-of-freedom muldjord-armygeddon
     muldjord-chaos-god muldjord-internal-degeneration muldjord-mutilated-mime renich-to-be-happy
     gloumouth1-descente-infinie french-grand-prix-1906 big-buck-bunny imageio-cockatoo sectoid-fof muldjord-fof
     playgate-demo-mix)
: > "$RESULTS/paths"
for id in "${IDS[@]}"; do
  printf '/oembed?url=%s\n/embed/%s\n/media/%s\n' "$(jq -rn --arg u "$PUBLIC/media/$id" '$u|@uri')" "$id" "$id" \
    >> "$RESULTS/paths"
done
while read -r p; do curl -fs -o /dev/null "$GW$p"; done < "$RESULTS/paths"     # warm every cached path
echo "cached: ${#IDS[@]} ids x 3 routes = $(wc -l < "$RESULTS/paths") paths; hub max-age 5s; wrk -t2 -c$CONNS"
counts() { curl -fsS "$ADMIN/counts" | jq -r .total; }

(
  sleep 10
  echo "t=10s hub requests so far: $(counts); outage ON for ${OUTAGE}s"
  curl -fsS -X PUT "$ADMIN/faults" -H 'Content-Type: application/json' -d '{"outage":true}' > /dev/null
  start=$(counts)
  sleep "$PROBE_AT"
  for id in nosuch-a nosuch-b nosuch-c; do
    curl -s -o /dev/null -w "  uncached $id during the outage: %{http_code} in %{time_total}s\n" "$GW/embed/$id"
  done
  sleep $(( OUTAGE - PROBE_AT ))
  echo "t=$(( 10 + OUTAGE ))s outage OFF; hub requests during the outage: $(( $(counts) - start ))"
  curl -fsS -X DELETE "$ADMIN/faults" > /dev/null
) > "$RESULTS/timeline.txt" &
TIMELINE=$!
PATHS_FILE="$RESULTS/paths" wrk -t2 -c"$CONNS" -d"$(( OUTAGE + 20 ))s" -s load-tests/rotate-paths.lua "$GW" \
  | tee "$RESULTS/wrk.txt"
wait $TIMELINE
cat "$RESULTS/timeline.txt"
after=$(curl -s -o /dev/null -w '%{http_code}' "$GW/embed/nosuch-a")
opened=$(grep -c 'hub.breaker state=OPEN' "$RESULTS/gateway.log" || true)
closed=$(grep -c 'hub.breaker state=CLOSED' "$RESULTS/gateway.log" || true)
summary "scenario: ${OUTAGE}s hub outage under wrk -t2 -c$CONNS for $(( OUTAGE + 20 ))s over $(wc -l < "$RESULTS/paths") cached paths" \
  "requests: $(awk '/requests in/ {print $1}' "$RESULTS/wrk.txt"), $(awk '/Requests\/sec/ {print $2}' "$RESULTS/wrk.txt") req/s" \
  "errors for cached ids: $(awk '/^non-200/ {print $2}' "$RESULTS/wrk.txt")" \
  "$(grep 'uncached' "$RESULTS/timeline.txt" | sed 's/^ *//')" \
  "$(grep 'outage OFF' "$RESULTS/timeline.txt" | sed 's/^.*; //')" \
  "after recovery: $after for an uncached unknown id (404 = hub answering), hub requests in total: $(counts)" \
  "breaker opened $opened times, closed $closed times" \
  "results: ${RESULTS#"$LT_ROOT"/}"

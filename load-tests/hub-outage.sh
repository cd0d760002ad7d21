#!/usr/bin/env bash
# A 60-second hub outage under steady load: a remote-mode gateway (default config: stale-if-error 10m, circuit
# breaker 5 failures / 5 s reset) in front of the standalone local hub, whose max-age is cut to 5 s so every entry
# turns stale during the outage. After warming every catalogue id, wrk sends a steady load over /oembed, /embed/{id}
# and /media/{id} of those cached ids; 10 s in, the hub's admin API switches on a full outage (connections closed
# without an answer) for 60 s, then off again. Cached ids must see no error at all. During the outage a few requests
# for ids the gateway never cached show what they get, and how fast. Prints the hub's request counts per phase.
# Needs a built jar (mvn -B -q package -DskipTests) and wrk. Loopback only.
# Usage: load-tests/hub-outage.sh [outage seconds=60] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
OUTAGE=${1:-60}; CONNS=${2:-32}
HUB_PORT=18393; ADMIN_PORT=18394; GW_PORT=18395
JAR=gateway/target/playgate-gateway.jar
ADMIN="http://127.0.0.1:$ADMIN_PORT/admin"
GW="http://127.0.0.1:$GW_PORT"
PUBLIC="http://localhost:$GW_PORT"   # the public base URL: oEmbed refuses URLs with IP-literal hosts
WORK=$(mktemp -d)
cleanup() { for p in ${GW_PID:-} ${HUB_PID:-}; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

java -Dplaygate.server.port=$HUB_PORT -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
  -Dplaygate.hub.maxAge=5s -jar $JAR hub --admin-port $ADMIN_PORT > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
java -Dplaygate.server.port=$GW_PORT -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
  -Dplaygate.server.publicBaseUrl=$PUBLIC -Dplaygate.partners.anonymous.capacity=0 -Dplaygate.hub.mode=remote -Dplaygate.hub.url=http://127.0.0.1:$HUB_PORT/hub \
  -jar $JAR > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 60); do curl -fs "$GW/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

IDS=(sectoid-escape-from-chaosland sectoid-feelings sectoid-metal-madness sectoid-war-of-freedom muldjord-armygeddon
     muldjord-chaos-god muldjord-internal-degeneration muldjord-mutilated-mime renich-to-be-happy
     gloumouth1-descente-infinie french-grand-prix-1906 big-buck-bunny imageio-cockatoo sectoid-fof muldjord-fof
     playgate-demo-mix)
: > "$WORK/paths"
for id in "${IDS[@]}"; do
  printf '/oembed?url=%s\n/embed/%s\n/media/%s\n' "$(jq -rn --arg u "$PUBLIC/media/$id" '$u|@uri')" "$id" "$id" >> "$WORK/paths"
done
while read -r p; do curl -fs -o /dev/null "$GW$p"; done < "$WORK/paths"     # warm every cached path
echo "cached: ${#IDS[@]} ids x 3 routes = $(wc -l < "$WORK/paths") paths; hub max-age 5s; wrk -t2 -c$CONNS"
counts() { curl -fsS "$ADMIN/counts" | jq -r .total; }

(
  sleep 10
  echo "t=10s hub requests so far: $(counts); outage ON for ${OUTAGE}s"
  curl -fsS -X PUT "$ADMIN/faults" -H 'Content-Type: application/json' -d '{"outage":true}' > /dev/null
  start=$(counts)
  sleep 5
  for id in nosuch-a nosuch-b nosuch-c; do
    curl -s -o /dev/null -w "  uncached $id during the outage: %{http_code} in %{time_total}s\n" "$GW/embed/$id"
  done
  sleep $(( OUTAGE - 5 ))
  echo "t=$((10 + OUTAGE))s outage OFF; hub requests during the outage: $(( $(counts) - start ))"
  curl -fsS -X DELETE "$ADMIN/faults" > /dev/null
) > "$WORK/timeline" &
TIMELINE=$!
PATHS_FILE="$WORK/paths" wrk -t2 -c"$CONNS" -d"$(( OUTAGE + 20 ))s" -s load-tests/rotate-paths.lua "$GW" \
  | tee "$WORK/wrk.txt"
wait $TIMELINE
cat "$WORK/timeline"
echo "after recovery: $(curl -s -o /dev/null -w '%{http_code}' "$GW/embed/nosuch-a") for an uncached unknown id (404 = hub answering), hub requests in total: $(counts)"
grep -c 'hub.breaker state=OPEN' "$WORK/gateway.log" | sed 's/^/breaker opened (times): /'
grep -c 'hub.breaker state=CLOSED' "$WORK/gateway.log" | sed 's/^/breaker closed (times): /'
echo "errors for cached ids: $(awk '/^non-200/ {print $2}' "$WORK/wrk.txt")"

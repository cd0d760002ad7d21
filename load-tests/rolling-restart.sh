#!/usr/bin/env bash
# A rolling restart under load: the hub simulator (max-age 2s, so entries keep turning stale and revalidating; 20 ms
# latency), three remote-mode gateway nodes and Debian's nginx in front of them, configured with the README's own
# example (section "Running several nodes", its nginx block, addresses replaced). wrk sends a steady load through nginx
# over /oembed, /embed/{id} and /media/{id} of every demo catalogue id; 10 s in, each node in turn gets SIGTERM, must
# exit by itself with status 0 (its drain line is kept), is started again on its port and, once its /health/ready
# answers 200, the next one follows. Failed requests (any answer but 200, and wrk's socket errors, a request
# unanswered after 10 s among them) must be 0.
# Needs: the gateway and simulator jars (mvn -B -q package -DskipTests), nginx, wrk, jq and curl. Loopback only,
# ports 18500-18519.
set -euo pipefail
USAGE="load-tests/rolling-restart.sh [seconds=60 (30-3600)] [connections=16 (1-1024)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 2 )) || usage_error "too many arguments"
SECONDS_TOTAL=${1:-60}; CONNS=${2:-16}
require_int seconds "$SECONDS_TOTAL" 30 3600
require_int connections "$CONNS" 1 1024
SECONDS_TOTAL=$(( 10#$SECONDS_TOTAL )); CONNS=$(( 10#$CONNS ))
require_tools wrk jq curl
[[ -x /usr/sbin/nginx ]] || { echo "$(basename "$0"): needs Debian's nginx (apt-get install -y nginx)" >&2; exit 2; }
require_jars "$GATEWAY_JAR" "$SIMULATOR_JAR"
HUB_PORT=18500; ADMIN_PORT=18501; NGINX_PORT=18502
NODE_PORTS=(18503 18504 18505); MGMT_PORTS=(18506 18507 18508)
PUBLIC="http://localhost:$NGINX_PORT"   # every node's public base URL: nginx's address
start_results rolling-restart
cd "$LT_ROOT"

java -jar "$SIMULATOR_JAR" --port $HUB_PORT --admin-port $ADMIN_PORT --max-age 2s > "$RESULTS/hub.log" 2>&1 &
started $!
wait_http "http://127.0.0.1:$ADMIN_PORT/admin/faults" "hub simulator"
curl -fsS -X PUT "http://127.0.0.1:$ADMIN_PORT/admin/faults" -H 'Content-Type: application/json' \
  -d '{"latency":"20ms"}' > /dev/null

HUB_URL="http://127.0.0.1:$HUB_PORT/hub"
NODE_ARGS=()
for i in 0 1 2; do start_node $i 0; done
for i in 0 1 2; do wait_http "http://127.0.0.1:${NODE_PORTS[$i]}/health/ready" "node $i"; done

# nginx: the README's example, its addresses replaced; pid, logs and temporary files in the results folder
start_nginx_upstream nginx $NGINX_PORT "${NODE_PORTS[@]}"
N="$RESULTS/nginx"

# every demo id on the three routes; the load keeps the paths that answer 200 (the rights demos refuse on purpose)
: > "$RESULTS/paths"
for id in $(jq -r '.media[].id' conf/catalog/catalog.json); do
  for p in "/oembed?url=$(jq -rn --arg u "$PUBLIC/media/$id" '$u|@uri')" "/embed/$id" "/media/$id"; do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT$p") == 200 ]] && echo "$p"
  done
done >> "$RESULTS/paths"
echo "paths answering 200: $(grep -c . "$RESULTS/paths")"

PATHS_FILE="$RESULTS/paths" wrk -t2 -c"$CONNS" -d"${SECONDS_TOTAL}s" --timeout 10s -s load-tests/rotate-paths.lua \
  "http://127.0.0.1:$NGINX_PORT" > "$RESULTS/wrk.txt" &
WRK=$!
LOAD_START=$(date +%s)
started $WRK
sleep 10
# in this shell, so that each node is a child whose exit status "wait" returns
roll_nodes 1 > "$RESULTS/timeline.txt"
ROLLED=$(( $(date +%s) - LOAD_START ))
echo "rolling restart done ${ROLLED} s into the ${SECONDS_TOTAL} s of load" >> "$RESULTS/timeline.txt"
(( ROLLED < SECONDS_TOTAL )) || echo "warning: the restarts outlasted the load; give more seconds" >> "$RESULTS/timeline.txt"
wait $WRK || true
cat "$RESULTS/wrk.txt"
cat "$RESULTS/timeline.txt"
non200=$(awk '/^non-200/ {print $2}' "$RESULTS/wrk.txt")
sockets=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$RESULTS/wrk.txt")
summary "scenario: rolling restart of 3 nodes behind nginx (README example) under wrk -t2 -c$CONNS for ${SECONDS_TOTAL}s" \
  "requests: $(awk '/requests in/ {print $1}' "$RESULTS/wrk.txt"), $(awk '/Requests\/sec/ {print $2}' "$RESULTS/wrk.txt") req/s" \
  "failed requests: $(( ${non200:-0} + ${sockets:-0} )) (non-200: ${non200:-0}, socket errors: ${sockets:-0})" \
  "$(sed 's/^/  /' "$RESULTS/timeline.txt")" \
  "nginx retried on the next node: $(grep -c 'upstream' "$N/error.log" || true) error-log lines" \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)" \
  "results: ${RESULTS#"$LT_ROOT"/}"

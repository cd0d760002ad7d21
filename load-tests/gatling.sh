#!/usr/bin/env bash
# Runs one Gatling simulation of the load-tests module against processes this script starts and stops: the gateway
# (port 18562, management 18563) on the Chinook catalogue, embedded hub for HotOEmbed, EmbedMix and Soak; for
# ColdStorm and HubOutage a remote-mode gateway in front of the hub simulator (18560, admin 18561) serving the same
# catalogue. Then: mvn -B -Pload-tests -pl load-tests gatling:test -Dgatling.simulationClass=io.playgate.loadtests.NAME
# with the URLs, the catalogue and the gateway's pid, plus every -Dname=value given here (they override). The HTML
# report goes to load-tests/target/gatling/; logs, Gatling's console output and Soak's heap samples to
# load-tests/results/gatling-NAME-<timestamp>/. Exits with Maven's status: non-zero when an assertion failed.
# Needs: the gateway and simulator jars and the catalogue generator (mvn -B -q package -DskipTests), mvn, curl, jcmd.
set -euo pipefail
USAGE="load-tests/gatling.sh HotOEmbed|EmbedMix|ColdStorm|HubOutage|Soak [-Dname=value ...]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# >= 1 )) || usage_error "which simulation?"
SIM=$1; shift
case "$SIM" in
  HotOEmbed|EmbedMix|Soak) HUB=embedded ;;
  ColdStorm|HubOutage) HUB=remote ;;
  *) usage_error "unknown simulation '$SIM'" ;;
esac
CATALOG=$LT_ROOT/load-tests/target/catalog-chinook
for arg in "$@"; do
  [[ "$arg" =~ ^-D[A-Za-z][A-Za-z0-9.]*=.*$ ]] || usage_error "expected -Dname=value, was '$arg'"
  [[ "$arg" == -Dcatalog=* ]] && CATALOG=$(realpath "${arg#-Dcatalog=}")
done
require_tools mvn java jcmd curl
require_jars "$GATEWAY_JAR" "$SIMULATOR_JAR"
HUB_PORT=18560; ADMIN_PORT=18561; GW_PORT=18562; MGMT_PORT=18563
GW="http://127.0.0.1:$GW_PORT"
PUBLIC="http://localhost:$GW_PORT"   # the public base URL: oEmbed refuses URLs with IP-literal hosts
if [[ ! -f "$CATALOG/catalog.json" ]]; then
  [[ "$CATALOG" == "$LT_ROOT/load-tests/target/catalog-chinook" ]] || { echo "gatling.sh: no $CATALOG/catalog.json" >&2; exit 2; }
  "$LT_ROOT/load-tests/generate-catalog.sh" chinook
fi
start_results "gatling-$SIM"
cd "$LT_ROOT"

GATEWAY_HUB=(-Dplaygate.hub.catalog="$CATALOG")
if [[ $HUB == remote ]]; then
  MAX_AGE=300s; [[ $SIM == HubOutage ]] && MAX_AGE=5s   # every entry turns stale during the outage
  java -jar "$SIMULATOR_JAR" --port $HUB_PORT --admin-port $ADMIN_PORT --catalog "$CATALOG" --max-age $MAX_AGE \
    > "$RESULTS/hub.log" 2>&1 &
  started $!
  GATEWAY_HUB=(-Dplaygate.hub.mode=remote -Dplaygate.hub.url=http://127.0.0.1:$HUB_PORT/hub)
fi
# shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of JVM options, e.g. "-Xmx256m"
java ${GATEWAY_JAVA_OPTS:-} -Dplaygate.server.port=$GW_PORT -Dplaygate.server.host=127.0.0.1 \
  -Dplaygate.server.accessLog=false -Dplaygate.management.port=$MGMT_PORT \
  -Dplaygate.server.publicBaseUrl=$PUBLIC -Dplaygate.partners.anonymous.capacity=0 "${GATEWAY_HUB[@]}" \
  -jar "$GATEWAY_JAR" > "$RESULTS/gateway.log" 2>&1 &
GATEWAY_PID=$!
started $GATEWAY_PID
[[ $HUB == remote ]] && wait_http "http://127.0.0.1:$ADMIN_PORT/admin/faults" "hub simulator"
wait_http "$GW/health/ready" gateway
echo "gateway pid $GATEWAY_PID on $GW ($HUB hub, catalogue $CATALOG); load average: $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$RESULTS/setup.txt"

status=0
mvn -B -Pload-tests -pl load-tests gatling:test -Dgatling.simulationClass="io.playgate.loadtests.$SIM" \
  -DbaseUrl="$GW" -DpublicBaseUrl="$PUBLIC" -DhubAdminUrl="http://127.0.0.1:$ADMIN_PORT/admin" \
  -Dcatalog="$CATALOG" -DgatewayPid="$GATEWAY_PID" -DheapLog="$RESULTS/heap.tsv" "$@" \
  > "$RESULTS/gatling.txt" 2>&1 || status=$?
report=$(grep -o 'load-tests/target/gatling/[^/]*/index.html' "$RESULTS/gatling.txt" | tail -1 || true)
# group_stats NAME: the request count, p50, p99 and max of a Gatling group, read from the report's js/stats.js
group_stats() {
  [[ -n "$report" ]] || return 0
  awk -v g="$1" '$0 ~ "\"name\": \"" g "\"" {f = 1}
    f && /"(numberOfRequests|percentiles1|percentiles4|maxResponseTime)"/ {k = $1; getline; v = $2; gsub(/[",:]/, "", k)
      gsub(/[",]/, "", v); s[k] = v}
    f && /"group4"/ {printf "group %s: %s requests, p50 %s ms, p99 %s ms, max %s ms\n", g, s["numberOfRequests"],
      s["percentiles1"], s["percentiles4"], s["maxResponseTime"]; exit}' "$LT_ROOT/${report%index.html}js/stats.js"
}
summary "simulation: $SIM $*" \
  "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" \
  "$(sed -n '/^---- Global Information/,/^====/p' "$RESULTS/gatling.txt" | grep -E 'request count|mean throughput|response time (50th|99th|max)' | sed 's/^> //')" \
  "$(grep -E ': (true|false) \(actual : ' "$RESULTS/gatling.txt" || true)" \
  "$(grep -E '^(hub calls|heap after full GC)' "$RESULTS/gatling.txt" || true)" \
  "$(group_stats mix; group_stats cached)" \
  "report: ${report:-none (see gatling.txt)}" \
  "maven exit status: $status" \
  "results: ${RESULTS#"$LT_ROOT"/}"
exit $status

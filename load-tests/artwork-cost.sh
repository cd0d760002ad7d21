#!/usr/bin/env bash
# Cost of the artwork routes: an embedded-mode gateway on the demo catalogue; for each public demo item with artwork,
# one cold request (download from the embedded hub, decode, scale or draw, encode: nothing kept yet) and then N hot
# ones (the bytes kept beside the cache entry) of the 300 px step and of the social card. Every item's 64 px step
# is asked first, to warm the JVM's decode and scale paths. Prints the medians of curl's time_total, in ms, and of
# the worker-side time of each cold rendering (decode + scale + encode, or draw + encode; the artwork.render DEBUG
# lines of the gateway's log), in ms.
# Needs: the gateway jar (mvn -B -q package -DskipTests) and curl. Loopback only.
set -euo pipefail
USAGE="load-tests/artwork-cost.sh [hot requests per item=20 (1-1000)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 1 )) || usage_error "too many arguments"
HOT=${1:-20}
require_int "hot requests per item" "$HOT" 1 1000
require_tools curl
require_jars "$GATEWAY_JAR"
GW_PORT=18396
start_results artwork-cost
cd "$LT_ROOT"

# the shipped logback configuration, with the artwork renderer's DEBUG lines (artwork.render … micros=…)
sed 's|<logger name="io.netty" level="WARN"/>|<logger name="io.netty" level="WARN"/><logger name="io.playgate.gateway.artwork" level="DEBUG"/>|' \
  conf/logback.xml > "$RESULTS/logback.xml"
java -Dlogback.configurationFile="$RESULTS/logback.xml" -Dplaygate.server.port=$GW_PORT -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
  -Dplaygate.management.port=0 -Dplaygate.server.publicBaseUrl=http://localhost:$GW_PORT \
  -Dplaygate.partners.anonymous.capacity=0 -jar "$GATEWAY_JAR" > "$RESULTS/gateway.log" 2>&1 &
started $!
wait_http "http://127.0.0.1:$GW_PORT/health/ready" gateway
BASE=http://127.0.0.1:$GW_PORT
IDS=(sectoid-escape-from-chaosland sectoid-feelings sectoid-metal-madness sectoid-war-of-freedom muldjord-armygeddon
  muldjord-chaos-god muldjord-internal-degeneration muldjord-mutilated-mime renich-to-be-happy gloumouth1-descente-infinie
  french-grand-prix-1906 big-buck-bunny imageio-cockatoo sectoid-fof playgate-demo-mix)

# time_ms URL: one GET, its time_total in ms; the script stops on any status but 200
time_ms() {
  local out
  out=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$1")
  [[ ${out%% *} == 200 ]] || { echo "$1 answered ${out%% *}" >&2; exit 1; }
  awk -v t="${out#* }" 'BEGIN { printf "%.2f\n", t * 1000 }'
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for id in "${IDS[@]}"; do time_ms "$BASE/artwork/$id/64.jpg" > /dev/null; done
for variant in 300.jpg card.jpg; do
  : > "$RESULTS/cold-$variant.txt"; : > "$RESULTS/hot-$variant.txt"
  for id in "${IDS[@]}"; do
    time_ms "$BASE/artwork/$id/$variant" >> "$RESULTS/cold-$variant.txt"
    for _ in $(seq "$HOT"); do time_ms "$BASE/artwork/$id/$variant" >> "$RESULTS/hot-$variant.txt"; done
  done
done
{
  echo "items=${#IDS[@]} hot requests per item=$HOT (curl time_total, ms, loopback)"
  for variant in 300.jpg card.jpg; do
    echo "$variant cold median=$(median < "$RESULTS/cold-$variant.txt") hot median=$(median < "$RESULTS/hot-$variant.txt")"
  done
  for variant in 300.jpg card.jpg; do
    echo "$variant worker-side rendering median=$(grep -o "variant=$variant thread=[^ ]* micros=[0-9]*" \
      "$RESULTS/gateway.log" | sed 's/.*micros=//' | awk '{ printf "%.2f\n", $1 / 1000 }' | median) ms"
  done
  echo "card bytes (sectoid-feelings)=$(curl -sS "$BASE/artwork/sectoid-feelings/card.jpg" | wc -c)"
} | tee "$RESULTS/summary.txt"

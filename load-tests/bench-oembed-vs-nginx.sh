#!/usr/bin/env bash
# Side-by-side: a cached /oembed answer from the gateway vs nginx serving the same bytes as a static file.
# Both on loopback, both measured by the same wrk, alternating runs; prints each run and the medians.
# Needs: the gateway jar (mvn -B -q package -DskipTests), wrk, nginx and curl. See load-tests/README.md.
set -euo pipefail
USAGE="load-tests/bench-oembed-vs-nginx.sh [runs=3 (1-20)] [seconds=15 (1-600)] [connections=64 (1-4096)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 3 )) || usage_error "too many arguments"
RUNS=${1:-3}; SECS=${2:-15}; CONNS=${3:-64}
require_int runs "$RUNS" 1 20
require_int seconds "$SECS" 1 600
require_int connections "$CONNS" 1 4096
require_tools wrk nginx curl
require_jars "$GATEWAY_JAR"
GW_PORT=18380; NGINX_PORT=18381
WARMUP=$(( SECS < 5 ? SECS : 5 ))
start_results bench-oembed-vs-nginx

# access logs off on both sides (nginx: access_log off)
start_gateway gateway $GW_PORT
wait_http "http://127.0.0.1:$GW_PORT/health/ready" gateway
URL="http://127.0.0.1:$GW_PORT/oembed?url=http%3A%2F%2Flocalhost%3A$GW_PORT%2Fmedia%2Fsectoid-feelings"
mkdir -p "$RESULTS/www"
curl -fs "$URL" > "$RESULTS/www/oembed.json"   # the same body nginx will serve (also warms the cache)

{
  nginx_conf_start auto
  cat <<CONF
  types { application/json json; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $RESULTS/www;
    location / { add_header Cache-Control "public, max-age=300"; }
  }
}
CONF
} > "$RESULTS/nginx.conf"
start_nginx "$RESULTS/nginx.conf"
wait_http "http://127.0.0.1:$NGINX_PORT/oembed.json" nginx

echo "gateway body $(wc -c < "$RESULTS/www/oembed.json") bytes; wrk -t2 -c$CONNS -d${SECS}s, $RUNS alternating runs each" \
  | tee "$RESULTS/runs.txt"
wrk -t2 -c"$CONNS" -d"${WARMUP}s" "$URL" > /dev/null                       # JIT warm-up
wrk -t2 -c"$CONNS" -d"${WARMUP}s" "http://127.0.0.1:$NGINX_PORT/oembed.json" > /dev/null
GW=(); NG=()
for i in $(seq 1 "$RUNS"); do
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$URL" > "$RESULTS/wrk-gateway-$i.txt"
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "http://127.0.0.1:$NGINX_PORT/oembed.json" > "$RESULTS/wrk-nginx-$i.txt"
  g=$(wrk_rps "$RESULTS/wrk-gateway-$i.txt")
  n=$(wrk_rps "$RESULTS/wrk-nginx-$i.txt")
  echo "run $i: gateway ${g} req/s, nginx ${n} req/s" | tee -a "$RESULTS/runs.txt"
  GW+=("$g"); NG+=("$n")
done
mg=$(median "${GW[@]}"); mn=$(median "${NG[@]}")
summary "scenario: cached /oembed vs nginx static file, $RUNS runs of ${SECS}s, wrk -t2 -c$CONNS" \
  "median: gateway $mg req/s, nginx $mn req/s, ratio gateway/nginx $(ratio "$mg" "$mn")" \
  "results: ${RESULTS#"$LT_ROOT"/}"

#!/usr/bin/env bash
# Side-by-side: a cached /oembed answer from the gateway vs nginx serving the same bytes as a static file.
# Both on loopback, both measured by the same wrk, alternating runs; prints each run and the medians.
# Needs: a built jar (mvn -B -q package -DskipTests), wrk and nginx (apt-get install -y wrk nginx).
# Usage: load-tests/bench-oembed-vs-nginx.sh [runs=3] [seconds=15] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}; SECS=${2:-15}; CONNS=${3:-64}
GW_PORT=18380; NGINX_PORT=18381
WORK=$(mktemp -d)
cleanup() { [[ -n "${GW_PID:-}" ]] && kill "$GW_PID" 2>/dev/null || true
            [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
            rm -rf "$WORK"; }
trap cleanup EXIT

# access logs off on both sides (nginx: access_log off)
java -Dplaygate.server.port=$GW_PORT -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false -Dplaygate.partners.anonymous.capacity=0 -jar gateway/target/playgate-gateway.jar \
  > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$GW_PORT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
URL="http://127.0.0.1:$GW_PORT/oembed?url=http%3A%2F%2Flocalhost%3A$GW_PORT%2Fmedia%2Fsectoid-feelings"
mkdir -p "$WORK/www"
curl -fs "$URL" > "$WORK/www/oembed.json"   # the same body nginx will serve (also warms the cache)

cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  types { application/json json; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { add_header Cache-Control "public, max-age=300"; }
  }
}
CONF
nginx -c "$WORK/nginx.conf"
sleep 0.5

echo "gateway body $(wc -c < "$WORK/www/oembed.json") bytes; wrk -t2 -c$CONNS -d${SECS}s, $RUNS alternating runs each"
wrk -t2 -c$CONNS -d5s "$URL" > /dev/null                       # JIT warm-up
wrk -t2 -c$CONNS -d5s "http://127.0.0.1:$NGINX_PORT/oembed.json" > /dev/null
GW=(); NG=()
for i in $(seq 1 "$RUNS"); do
  g=$(wrk -t2 -c$CONNS -d${SECS}s --latency "$URL" | awk '/Requests\/sec/ {print $2} /^ +50%/ {p50=$2} END {}')
  n=$(wrk -t2 -c$CONNS -d${SECS}s --latency "http://127.0.0.1:$NGINX_PORT/oembed.json" | awk '/Requests\/sec/ {print $2}')
  echo "run $i: gateway ${g} req/s, nginx ${n} req/s"
  GW+=("$g"); NG+=("$n")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mg=$(median "${GW[@]}"); mn=$(median "${NG[@]}")
echo "median: gateway $mg req/s, nginx $mn req/s, ratio gateway/nginx $(awk -v a="$mg" -v b="$mn" 'BEGIN {printf "%.2f", a/b}')"

#!/usr/bin/env bash
# One side-by-side bench of the hot paths against nginx, on loopback: the gateway jar (embedded demo catalogue) and
# Debian's nginx with 2 workers serving the gateway's own bytes three ways — `return 200` from memory, a static
# file, and proxy_cache in front of the gateway. Bodies and Content-Type are checked identical (curl, cmp) before
# anything is measured. Each round runs wrk once per target, in a fixed alternating order, after waiting for a quiet
# machine (no other mvn/java running, 1-minute load under a threshold; after the longest wait it runs anyway and the
# round is marked "loaded"). Prints each round, then the medians and the ratios of issue 12's table, CPU per request
# (process CPU from /proc/PID/stat over each run) and start to first 200 from /health/ready.
# Needs: the gateway jar (mvn -B -q package -DskipTests), wrk, nginx, curl. Ports 18540-18559. See README.md.
set -euo pipefail
USAGE="load-tests/bench.sh [rounds=3 (1-20)] [seconds=10 (1-600)] [connections=64 (1-4096)] [max-load=1.5 (0.1-64, 1-minute load to wait under)] [max-wait=180 (0-3600 s per round)] [wrk-threads=1 (1-8)]"
source "$(dirname "$0")/lib.sh"

# write_bench_nginx_conf: 2 workers; the oEmbed and embed bodies from memory (return 200), as static files, and
# proxy_cache in front of the gateway (kept 10 minutes whatever the gateway's max-age, so it stays hot)
write_bench_nginx_conf() {
  nginx_conf_start 2
  cat <<CONF
  geo \$dollar { default "\$"; }
  proxy_cache_path $RESULTS/nginx-cache levels=1:2 keys_zone=bench:1m;
  upstream gateway { server 127.0.0.1:$GW_PORT; keepalive 64; }
$(nginx_chunk_maps oembed "$RESULTS/www/oembed.body")
$(nginx_chunk_maps embed "$RESULTS/www/embed.body")
  server {
    listen 127.0.0.1:$RETURN_PORT;
    location = /oembed { default_type "$(cat "$RESULTS/www/oembed.type")"; return 200 $(nginx_return_text oembed "$RESULTS/www/oembed.body"); }
    location = $EMBED { default_type "$(cat "$RESULTS/www/embed.type")"; return 200 $(nginx_return_text embed "$RESULTS/www/embed.body"); }
  }
  server {
    listen 127.0.0.1:$FILE_PORT;
    location = /oembed { types { } default_type "$(cat "$RESULTS/www/oembed.type")"; alias $RESULTS/www/oembed.body; }
    location = $EMBED { types { } default_type "$(cat "$RESULTS/www/embed.type")"; alias $RESULTS/www/embed.body; }
  }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://gateway; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_cache bench; proxy_cache_valid 200 10m; proxy_ignore_headers Cache-Control Expires;
    }
  }
}
CONF
}

# nginx reads a config token of at most 4 KB: a longer body is returned as the concatenation of variables that
# each hold up to CHUNK bytes of it (a map with only a default, evaluated in memory)
CHUNK=3000

# nginx_chunk_maps NAME FILE: for a body over CHUNK bytes, one map per chunk, \$NAME_1, \$NAME_2, ...
nginx_chunk_maps() {
  local size i
  size=$(wc -c < "$2")
  (( size > CHUNK )) || return 0
  for (( i = 0; i * CHUNK < size; i++ )); do
    echo "  map \$host \$${1}_$(( i + 1 )) { default '$(tail -c +$(( i * CHUNK + 1 )) "$2" | head -c $CHUNK | nginx_quoted)'; }"
  done
}

# nginx_return_text NAME FILE: the argument of return 200: the body quoted, or its chunk variables
nginx_return_text() {
  local size i
  size=$(wc -c < "$2")
  if (( size <= CHUNK )); then
    echo "'$(nginx_quoted < "$2")'"
    return 0
  fi
  printf '"'
  for (( i = 0; i * CHUNK < size; i++ )); do printf '$%s_%d' "$1" $(( i + 1 )); done
  printf '"'
}

# nginx_quoted: stdin as the inside of a single-quoted nginx string, on one line: backslash, quote, newline, CR and
# tab escaped as nginx reads them, and $ through the \$dollar variable
nginx_quoted() {
  perl -0777 -pe 's/\\/\\\\/g; s/\x27/\\\x27/g; s/\n/\\n/g; s/\r/\\r/g; s/\t/\\t/g; s/\$/\${dollar}/g'
}

# nginx_worker_pids: the nginx master's children (the workers and the cache manager), whose CPU is nginx's
nginx_worker_pids() {
  cat /proc/"$NGINX_PID"/task/*/children
}

# same_answer NAME URL PREFIX: the target's body and Content-Type must be PREFIX's, byte for byte (cmp); for the
# gateway's /oembed, direct or through proxy_cache, only the cache_age value may differ (the remaining freshness, which counts down every second)
same_answer() {
  local got=$RESULTS/check-$1
  fetch_body "$2" "$got"
  cmp -s "$got.type" "$3.type" || { echo "bench.sh: $1 answers Content-Type '$(cat "$got.type")', not '$(cat "$3.type")'" >&2; exit 1; }
  cmp -s "$got.body" "$3.body" && return 0
  if [[ $1 == gateway-oembed || $1 == proxycache-oembed ]] && (( $(wc -c < "$got.body") == $(wc -c < "$3.body") )) \
     && cmp -s <(sed -E 's/"cache_age":[0-9]+/"cache_age":N/' "$got.body") \
               <(sed -E 's/"cache_age":[0-9]+/"cache_age":N/' "$3.body"); then
    return 0
  fi
  echo "bench.sh: $1 answers other bytes than the gateway ($got.body vs $3.body): $(cmp "$got.body" "$3.body" || true)" >&2
  exit 1
}
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 6 )) || usage_error "too many arguments"
ROUNDS=${1:-3}; SECS=${2:-10}; CONNS=${3:-64}; MAX_LOAD=${4:-1.5}; MAX_WAIT=${5:-180}; THREADS=${6:-1}
require_int rounds "$ROUNDS" 1 20
require_int seconds "$SECS" 1 600
require_int connections "$CONNS" 1 4096
require_decimal max-load "$MAX_LOAD" 0.1 64
require_int max-wait "$MAX_WAIT" 0 3600
require_int wrk-threads "$THREADS" 1 8
require_tools wrk nginx curl cmp
require_jars "$GATEWAY_JAR"
GW_PORT=18540; RETURN_PORT=18541; FILE_PORT=18542; PROXY_PORT=18543
ID=sectoid-feelings
start_results bench
cd "$LT_ROOT"

# start to first 200 from /health/ready, polled every 10 ms
t0=$(date +%s%N)
start_gateway gateway $GW_PORT
READY_MS=$(wait_ready_ms "http://127.0.0.1:$GW_PORT/health/ready" gateway "$t0")
OEMBED="/oembed?url=http%3A%2F%2Flocalhost%3A$GW_PORT%2Fmedia%2F$ID"
EMBED="/embed/$ID"
mkdir -p "$RESULTS/www"
fetch_body "http://127.0.0.1:$GW_PORT$OEMBED" "$RESULTS/www/oembed"
fetch_body "http://127.0.0.1:$GW_PORT$EMBED" "$RESULTS/www/embed"
write_bench_nginx_conf > "$RESULTS/nginx.conf"
start_nginx "$RESULTS/nginx.conf"
wait_http "http://127.0.0.1:$FILE_PORT$OEMBED" nginx

# name port path: what each run measures, in the order of a round
TARGETS=("gateway-oembed $GW_PORT $OEMBED" "return200-oembed $RETURN_PORT $OEMBED" "file-oembed $FILE_PORT $OEMBED"
         "gateway-embed $GW_PORT $EMBED" "return200-embed $RETURN_PORT $EMBED" "proxycache-oembed $PROXY_PORT $OEMBED")
for t in "${TARGETS[@]}"; do
  read -r name port path <<< "$t"
  same_answer "$name" "http://127.0.0.1:$port$path" "$RESULTS/www/${name#*-}"
done
echo "bodies: oembed $(wc -c < "$RESULTS/www/oembed.body") bytes ($(cat "$RESULTS/www/oembed.type")), embed" \
  "$(wc -c < "$RESULTS/www/embed.body") bytes ($(cat "$RESULTS/www/embed.type")); identical on every target" \
  | tee "$RESULTS/runs.txt"

for t in "${TARGETS[@]}"; do   # JIT and caches warm, not counted
  read -r name port path <<< "$t"
  wrk -t"$THREADS" -c"$CONNS" -d"$(( SECS < 5 ? SECS : 5 ))s" "http://127.0.0.1:$port$path" > /dev/null
done
declare -A RPS CPU
LOADS=()
for r in $(seq 1 "$ROUNDS"); do
  quiet=$(wait_quiet "$MAX_LOAD" "$MAX_WAIT")
  LOADS+=("$quiet")
  echo "round $r: $quiet" | tee -a "$RESULTS/runs.txt"
  for t in "${TARGETS[@]}"; do
    read -r name port path <<< "$t"
    pids=$([[ $name == gateway-* ]] && echo "$GW_PID" || nginx_worker_pids)
    before=$(cpu_ticks $pids)
    wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency "http://127.0.0.1:$port$path" > "$RESULTS/wrk-$name-$r.txt"
    after=$(cpu_ticks $pids)
    rps=$(wrk_rps "$RESULTS/wrk-$name-$r.txt")
    n=$(awk '/requests in/ {print $1}' "$RESULTS/wrk-$name-$r.txt")
    us=$(awk -v t=$(( after - before )) -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
    errors=$(grep -E 'Non-2xx|Socket errors' "$RESULTS/wrk-$name-$r.txt" | tr -s ' ' | tr '\n' ';' || true)
    RPS[$name]+="$rps "; CPU[$name]+="$us "
    echo "  $name: $rps req/s, $us us CPU per request ${errors:+(wrk: $errors)}" | tee -a "$RESULTS/runs.txt"
  done
  echo "  load after round $r: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/runs.txt"
done

m() { median ${RPS[$1]}; }
c() { median ${CPU[$1]}; }
summary "scenario: side-by-side bench, $ROUNDS rounds, wrk -t$THREADS -c$CONNS -d${SECS}s per target, nginx 2 workers" \
  "rounds: $(printf '%s; ' "${LOADS[@]}")" \
  "medians (req/s): $(for t in "${TARGETS[@]}"; do read -r name _ <<< "$t"; printf '%s %s, ' "$name" "$(m "$name")"; done)" \
  "hot /oembed vs nginx return 200:        $(ratio "$(m gateway-oembed)" "$(m return200-oembed)") (goal >= 0.90)" \
  "hot /oembed vs nginx static file:       $(ratio "$(m gateway-oembed)" "$(m file-oembed)") (goal >= 1.2)" \
  "hot /embed/{id} vs nginx return 200:    $(ratio "$(m gateway-embed)" "$(m return200-embed)") (goal >= 0.90)" \
  "hot /oembed vs nginx proxy_cache:       $(ratio "$(m gateway-oembed)" "$(m proxycache-oembed)") (goal >= 1.4)" \
  "CPU per hot /oembed request: gateway $(c gateway-oembed) us, nginx return 200 $(c return200-oembed) us," \
  "  ratio $(ratio "$(c gateway-oembed)" "$(c return200-oembed)")x (goal <= 1.2x); nginx static file $(c file-oembed) us" \
  "start to first 200 from /health/ready: $READY_MS ms (demo catalogue)" \
  "results: ${RESULTS#"$LT_ROOT"/}"

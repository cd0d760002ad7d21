#!/usr/bin/env bash
# A supysonic-backed item beside the embedded hub: the hot /oembed rate of each (wrk, alternating runs), and the time
# to first byte of a stream proxied by the gateway vs the same stream fetched from supysonic directly (curl,
# alternating). Prints each run and the medians.
# Needs: the gateway jar (mvn -B -q package -DskipTests), wrk, curl, Debian's supysonic and python3-waitress.
set -euo pipefail
USAGE="load-tests/bench-subsonic.sh [runs=3 (1-20)] [seconds=15 (1-600)] [connections=64 (1-4096)] [ttfb samples=31 (1-1000)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 4 )) || usage_error "too many arguments"
RUNS=${1:-3}; SECS=${2:-15}; CONNS=${3:-64}; SAMPLES=${4:-31}
require_int runs "$RUNS" 1 20
require_int seconds "$SECS" 1 600
require_int connections "$CONNS" 1 4096
require_int samples "$SAMPLES" 1 1000
require_tools wrk curl supysonic-cli supysonic-server python3
require_jars "$GATEWAY_JAR"
EMB_PORT=18390; SUB_PORT=18391; SS_PORT=18392
WARMUP=$(( SECS < 5 ? SECS : 5 ))
start_results bench-subsonic

# supysonic over the demo catalogue's mp3s (their own tags), in the results folder
SS="$RESULTS/supysonic"; mkdir -p "$SS/library"
cp "$LT_ROOT/conf/catalog/media/audio/"*.mp3 "$SS/library/"
printf '[base]\ndatabase_uri = sqlite:///%s/supysonic.db\n[webapp]\ncache_dir = %s/cache\n[daemon]\nsocket = %s/daemon.sock\n' \
  "$SS" "$SS" "$SS" > "$SS/supysonic.conf"
(cd "$SS" && supysonic-cli user add bench -p bench-pass && supysonic-cli folder add music "$SS/library" \
  && supysonic-cli folder scan music) > "$SS/cli.log" 2>&1
(cd "$SS" && exec supysonic-server -S waitress -h 127.0.0.1 -p $SS_PORT) > "$SS/server.log" 2>&1 &
started $!
Q="u=bench&p=bench-pass&v=1.10.2&c=bench&f=json"
wait_http "http://127.0.0.1:$SS_PORT/rest/ping.view?$Q" supysonic
SONG=$(curl -fs "http://127.0.0.1:$SS_PORT/rest/search3.view?$Q&query=Feelings" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["subsonic-response"]["searchResult3"]["song"][0]["id"])')

common=(-Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false -Dplaygate.management.port=0
  -Dplaygate.partners.anonymous.capacity=0)
java "${common[@]}" -Dplaygate.server.port=$EMB_PORT -jar "$GATEWAY_JAR" > "$RESULTS/embedded.log" 2>&1 &
started $!
PLAYGATE_HUB_SUBSONIC_PASSWORD=bench-pass java "${common[@]}" -Dplaygate.server.port=$SUB_PORT \
  -Dplaygate.hub.mode=subsonic -Dplaygate.hub.subsonic.url=http://127.0.0.1:$SS_PORT -Dplaygate.hub.subsonic.user=bench \
  -jar "$GATEWAY_JAR" > "$RESULTS/subsonic.log" 2>&1 &
started $!
wait_http "http://127.0.0.1:$EMB_PORT/health/ready" embedded
wait_http "http://127.0.0.1:$SUB_PORT/health/ready" subsonic
EMB_URL="http://127.0.0.1:$EMB_PORT/oembed?url=http%3A%2F%2Flocalhost%3A$EMB_PORT%2Fmedia%2Fsectoid-feelings"
SUB_URL="http://127.0.0.1:$SUB_PORT/oembed?url=http%3A%2F%2Flocalhost%3A$SUB_PORT%2Fmedia%2Fs-$SONG"
curl -fs "$EMB_URL" > "$RESULTS/embedded.json"; curl -fs "$SUB_URL" > "$RESULTS/subsonic.json"   # warms both caches

echo "hot /oembed: wrk -t2 -c$CONNS -d${SECS}s, $RUNS alternating runs each" | tee "$RESULTS/runs.txt"
wrk -t2 -c"$CONNS" -d"${WARMUP}s" "$EMB_URL" > /dev/null
wrk -t2 -c"$CONNS" -d"${WARMUP}s" "$SUB_URL" > /dev/null
E=(); S=()
for i in $(seq 1 "$RUNS"); do
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$EMB_URL" > "$RESULTS/wrk-embedded-$i.txt"
  wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$SUB_URL" > "$RESULTS/wrk-subsonic-$i.txt"
  e=$(awk '/Requests\/sec/ {print $2}' "$RESULTS/wrk-embedded-$i.txt")
  s=$(awk '/Requests\/sec/ {print $2}' "$RESULTS/wrk-subsonic-$i.txt")
  echo "run $i: embedded hub ${e} req/s, supysonic ${s} req/s" | tee -a "$RESULTS/runs.txt"
  E+=("$e"); S+=("$s")
done

PROXIED="http://127.0.0.1:$SUB_PORT/subsonic/stream/s-$SONG/original"
DIRECT="http://127.0.0.1:$SS_PORT/rest/stream.view?$Q&id=$SONG"
echo "time to first byte (curl, new connection each, $SAMPLES alternating samples)" | tee -a "$RESULTS/runs.txt"
P=(); D=()
for i in $(seq 1 "$SAMPLES"); do
  p=$(curl -fs -o /dev/null -w '%{time_starttransfer}' "$PROXIED")
  d=$(curl -fs -o /dev/null -w '%{time_starttransfer}' "$DIRECT")
  P+=("$(awk -v t="$p" 'BEGIN {printf "%.2f", t*1000}')"); D+=("$(awk -v t="$d" 'BEGIN {printf "%.2f", t*1000}')")
done
echo "proxied ms: ${P[*]}" >> "$RESULTS/runs.txt"; echo "direct ms: ${D[*]}" >> "$RESULTS/runs.txt"
me=$(median "${E[@]}"); ms=$(median "${S[@]}"); mp=$(median "${P[@]}"); md=$(median "${D[@]}")
summary "scenario: hot /oembed embedded hub vs supysonic, $RUNS runs of ${SECS}s, wrk -t2 -c$CONNS; TTFB $SAMPLES samples" \
  "median /oembed: embedded hub $me req/s, supysonic $ms req/s, ratio supysonic/embedded $(awk -v a="$ms" -v b="$me" 'BEGIN {printf "%.2f", a/b}')" \
  "median TTFB: proxied $mp ms, direct $md ms, proxy adds $(awk -v a="$mp" -v b="$md" 'BEGIN {printf "%.2f", a-b}') ms" \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)" \
  "results: ${RESULTS#"$LT_ROOT"/}"

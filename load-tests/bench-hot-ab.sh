#!/usr/bin/env bash
# A hot request (cached oEmbed, player page or share page) from two gateway jars, "before" and "after" a change,
# both running, measured by the same wrk in alternating runs; prints each run with the load average, the medians and
# the ratio after/before. With PROFILE=1 each gateway records a JFR profile (settings=profile) over the measured
# runs, and the top event-loop frames of both are printed (load-tests/jfr-top.sh). BEFORE_OPTS and AFTER_OPTS add JVM
# options to one side (e.g. the same jar twice with AFTER_OPTS=-Dplaygate.server.instances=1 compares two settings).
# Needs: two gateway jars (mvn -B -q package -DskipTests in each tree), wrk and curl (and jfr, jcmd for PROFILE=1).
set -euo pipefail
USAGE="load-tests/bench-hot-ab.sh BEFORE_JAR [route=oembed|oembed-xml|embed|media] [runs=5 (1-20)] [seconds=10 (1-600)] [connections=64 (1-4096)]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help || $# -lt 1 ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 5 )) || usage_error "too many arguments"
BEFORE_JAR=$1; ROUTE=${2:-oembed}; RUNS=${3:-5}; SECS=${4:-10}; CONNS=${5:-64}
[[ "$ROUTE" =~ ^(oembed|oembed-xml|embed|media)$ ]] || usage_error "route must be oembed, oembed-xml, embed or media"
require_int runs "$RUNS" 1 20
require_int seconds "$SECS" 1 600
require_int connections "$CONNS" 1 4096
require_tools wrk curl
[[ "${PROFILE:-0}" == 1 ]] && require_tools jfr jcmd
AFTER_JAR=${AFTER_JAR:-$GATEWAY_JAR}   # AFTER_JAR=... measures another build than this tree's
require_jars "$BEFORE_JAR" "$AFTER_JAR"
BEFORE_PORT=18370; AFTER_PORT=18371
WARMUP=$(( SECS < 5 ? SECS : 5 ))
start_results bench-hot-ab-$ROUTE

# both run the default config on the embedded demo catalogue, access log and anonymous rate limit off
run_gateway() {  # run_gateway JAR PORT LOG [JVM options...]
  local jar=$1 port=$2 log=$3; shift 3
  java -Dplaygate.server.port="$port" -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
    -Dplaygate.management.port=0 -Dplaygate.partners.anonymous.capacity=0 "$@" -jar "$jar" > "$log" 2>&1 &
  GW_PID=$!
  started $GW_PID
}
url() {  # url PORT
  local media="http%3A%2F%2Flocalhost%3A$1%2Fmedia%2Fsectoid-feelings"
  case $ROUTE in
    oembed) echo "http://127.0.0.1:$1/oembed?url=$media" ;;
    oembed-xml) echo "http://127.0.0.1:$1/oembed?url=$media&format=xml" ;;
    embed) echo "http://127.0.0.1:$1/embed/sectoid-feelings" ;;
    media) echo "http://127.0.0.1:$1/media/sectoid-feelings" ;;
  esac
}
# shellcheck disable=SC2086 # BEFORE_OPTS and AFTER_OPTS are lists of JVM options
run_gateway "$BEFORE_JAR" $BEFORE_PORT "$RESULTS/before.log" ${BEFORE_OPTS:-}; BEFORE_PID=$GW_PID
# shellcheck disable=SC2086
run_gateway "$AFTER_JAR" $AFTER_PORT "$RESULTS/after.log" ${AFTER_OPTS:-}; AFTER_PID=$GW_PID
wait_http "http://127.0.0.1:$BEFORE_PORT/health/ready" before
wait_http "http://127.0.0.1:$AFTER_PORT/health/ready" after
B=$(url $BEFORE_PORT); A=$(url $AFTER_PORT)
curl -fsD "$RESULTS/before.head" "$B" > "$RESULTS/before.body"    # also warms the caches
curl -fsD "$RESULTS/after.head" "$A" > "$RESULTS/after.body"

echo "$ROUTE: before $(wc -c < "$RESULTS/before.body") + $(wc -c < "$RESULTS/before.head") head bytes," \
  "after $(wc -c < "$RESULTS/after.body") + $(wc -c < "$RESULTS/after.head") head bytes;" \
  "wrk -t2 -c$CONNS -d${SECS}s, $RUNS alternating runs each; load average $(cut -d' ' -f1-3 /proc/loadavg)" \
  "${BEFORE_OPTS:+; before with $BEFORE_OPTS}${AFTER_OPTS:+; after with $AFTER_OPTS}" \
  | tee "$RESULTS/runs.txt"
wrk -t2 -c"$CONNS" -d"${WARMUP}s" "$B" > /dev/null                            # JIT warm-up
wrk -t2 -c"$CONNS" -d"${WARMUP}s" "$A" > /dev/null
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd $BEFORE_PID JFR.start name=ab settings=profile > /dev/null
  jcmd $AFTER_PID JFR.start name=ab settings=profile > /dev/null
fi
ab_runs "$RUNS" "$CONNS" "$SECS" "$B" "$A"
if [[ "${PROFILE:-0}" == 1 ]]; then
  jcmd $BEFORE_PID JFR.dump name=ab filename="$RESULTS/before.jfr" > /dev/null
  jcmd $AFTER_PID JFR.dump name=ab filename="$RESULTS/after.jfr" > /dev/null
  for side in before after; do
    echo "== $side: top frames" | tee -a "$RESULTS/profile.txt"
    "$(dirname "$0")/jfr-top.sh" "$RESULTS/$side.jfr" 25 'UrlSchemes\.match|QueryParams\.of|OEmbedQueries\.parse|ConditionalResponse\.end|Rendered\.body|HttpServerMetrics\.(requestBegin|responseEnd)|MeterRegistry\.registerMeterIfNecessary|HttpObjectEncoder\.encode$|HeadersMultiMap\.(set|add0|encode0)|MediaCache\.get$|Rights\.decide|SocketChannel\.doWrite|StrictRequestDecoder\.decode|Http1xServerResponse\.end' \
      | tee -a "$RESULTS/profile.txt"
  done
fi
mb=$(median "${BE[@]}"); ma=$(median "${AF[@]}")
summary "scenario: hot $ROUTE, before vs after, $RUNS alternating runs of ${SECS}s, wrk -t2 -c$CONNS" \
  "median: before $mb req/s, after $ma req/s, ratio after/before $(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.2f", a/b}')" \
  "results: ${RESULTS#"$LT_ROOT"/}"

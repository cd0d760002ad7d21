#!/usr/bin/env bash
# Start-up to ready on big catalogues (load-tests/README.md "Catalogues at real scale"): for each catalogue folder,
# alternating, RUNS times: start the gateway on it (embedded hub, -Xmx of HEAP), time launch -> first 200 from
# /health/ready, ask for a track, the first collection over the member cap and a start page deep in the catalogue,
# then the heap after a full GC (jcmd GC.heap_info). Prints medians per catalogue.
source "$(dirname "$0")/lib.sh"
USAGE="$0 RUNS HEAP CATALOG_DIR... (e.g. 5 256m conf/catalog load-tests/target/catalog-1000000)"
[[ "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# >= 3 )) || usage_error "needs RUNS, HEAP and at least one catalogue folder"
require_int RUNS "$1" 1 20
[[ "$2" =~ ^[1-9][0-9]{0,4}[mg]$ ]] || usage_error "HEAP must be like 256m or 2g, was '$2'"
RUNS=$1 HEAP=$2; shift 2
for c in "$@"; do [[ -f "$c/catalog.json" ]] || usage_error "$c has no catalog.json"; done
require_tools curl jcmd
require_jars "$GATEWAY_JAR"
GATEWAY_JAR=${STARTUP_JAR:-$GATEWAY_JAR}  # STARTUP_JAR: a copy, so that a build may run meanwhile
start_results catalog-startup
PORT=18481

# one_run CATALOG: prints "readyMs heapUsedKiB" and the answers' statuses into runs.txt
one_run() {
  local catalog=$1 log="$RESULTS/gateway-$(basename "$1")-$2.log" t0 t1 pid
  t0=$(date +%s%N)
  PLAYGATE_HUB_CATALOG=$catalog PLAYGATE_SERVER_PORT=$PORT PLAYGATE_MANAGEMENT_PORT=0 \
    java -Xmx"$HEAP" -Xlog:gc:file="$RESULTS/gc-$(basename "$catalog")-$2.log" -jar "$GATEWAY_JAR" > "$log" 2>&1 &
  pid=$!; started "$pid"
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready") == 200 ]]; do
    kill -0 "$pid" 2> /dev/null || { echo "gateway on $catalog died; see $log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  local first last collection statuses
  first=$(grep -o '"id": *"[^"]*"' "$catalog/catalog.json" | head -1 | cut -d'"' -f4)
  collection=$( (grep -m1 -o '"id":"[^"]*","kind":"playlist"' "$catalog/catalog.json" || true) | cut -d'"' -f4)
  statuses="track $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/media/$first")"
  [[ -n $collection ]] && statuses+=" playlist $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/embed/$collection")"
  last=$(curl -s "http://127.0.0.1:$PORT/" | grep -o 'Page 1 of [0-9]*' | awk '{print $4}')
  statuses+=" startPage(last=${last:-1}) $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/?page=${last:-1}")"
  jcmd "$pid" GC.run > /dev/null
  local used
  used=$(jcmd "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*')
  kill "$pid"; wait "$pid" 2> /dev/null || true
  echo "$(basename "$catalog") run=$2 readyMs=$(( (t1 - t0) / 1000000 )) heapUsedAfterGcKiB=$used $statuses" | tee -a "$RESULTS/runs.txt" >&2
  echo "$(( (t1 - t0) / 1000000 )) $used"
}

declare -A READY HEAPS
for run in $(seq 1 "$RUNS"); do
  for c in "$@"; do
    read -r ms kib < <(one_run "$c" "$run")
    READY[$c]+="$ms "; HEAPS[$c]+="$kib "
  done
done
summary "gateway -Xmx$HEAP, $RUNS alternating runs, load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in "$@"; do
  # shellcheck disable=SC2086
  summary "$(basename "$c"): start to first 200 from /health/ready median $(median ${READY[$c]}) ms (runs: ${READY[$c]}); heap used after full GC median $(median ${HEAPS[$c]}) KiB"
done

#!/usr/bin/env bash
# Live heap per cached item with its 8 rendered variants (load-tests/README.md, "Heap per cached item"): start the
# gateway on a synthetic catalogue with a cache bound that never evicts, read the live heap after a full GC with
# nothing cached, ask for the 8 variants of the first ITEMS ids (oEmbed JSON and XML with no bound, maxwidth=480 and
# maxwidth=320, /embed/{id}, /media/{id}; load-tests/HeapPerItem.java), read it again, and print the difference per
# item and the classes it is made of (jcmd GC.class_histogram, which collects first).
#   load-tests/heap-per-item.sh 100000                      # as the gateway is configured (cache.compression off)
#   COMPRESSION=gzip ACCEPT_ENCODING=gzip load-tests/heap-per-item.sh 100000
#   HEAP_JAR=/tmp/other.jar load-tests/heap-per-item.sh 100000   # another build
source "$(dirname "$0")/lib.sh"
USAGE="$0 ITEMS [CATALOG_DIR] (ITEMS 1..1000000; default catalogue load-tests/target/catalog-100000, or the
       smallest load-tests/target/catalog-N with N >= ITEMS; env COMPRESSION=off|gzip, ACCEPT_ENCODING, HEAP_JAR)"
[[ "${1:-}" == --help ]] && { echo "usage: $USAGE"; exit 0; }
(( $# >= 1 )) || usage_error "needs ITEMS"
require_int ITEMS "$1" 1 1000000
ITEMS=$1
CATALOG=${2:-}
if [[ -z $CATALOG ]]; then
  for c in $(ls -d "$LT_ROOT"/load-tests/target/catalog-[0-9]* 2> /dev/null | sort -t- -k2 -n); do
    (( ${c##*-} >= ITEMS )) && { CATALOG=$c; break; }
  done
fi
[[ -n $CATALOG && -f $CATALOG/catalog.json ]] \
  || usage_error "no catalogue with $ITEMS items: load-tests/generate-catalog.sh synthetic $(( ITEMS > 100000 ? ITEMS : 100000 ))"
require_tools curl jcmd java
JAR=${HEAP_JAR:-$GATEWAY_JAR}
require_jars "$JAR"
start_results heap-per-item
PORT=18520 MGMT=18521

# histogram FILE: the live objects after a full GC; prints the total bytes
histogram() {
  jcmd "$PID" GC.class_histogram > "$1"
  awk '/^Total/ {print $3}' "$1"
}

grep -o '^{"id":"[^"]*"' "$CATALOG/catalog.json" | cut -d'"' -f4 | head -n "$ITEMS" > "$RESULTS/ids"
(( $(wc -l < "$RESULTS/ids") == ITEMS )) || { echo "$CATALOG holds fewer than $ITEMS items" >&2; exit 1; }
env=(PLAYGATE_HUB_CATALOG="$CATALOG" PLAYGATE_SERVER_PORT=$PORT PLAYGATE_MANAGEMENT_PORT=$MGMT
  PLAYGATE_SERVER_ACCESS_LOG=false PLAYGATE_CACHE_MAX_SIZE=64GiB PLAYGATE_CACHE_MIN_TTL=1h
  PLAYGATE_PARTNERS_ANONYMOUS_CAPACITY=0)
[[ -n ${COMPRESSION:-} ]] && env+=(PLAYGATE_CACHE_COMPRESSION="$COMPRESSION")
env "${env[@]}" java -Xms6g -Xmx6g -XX:+UseG1GC -jar "$JAR" > "$RESULTS/gateway.log" 2>&1 &
PID=$!; started "$PID"
wait_http "http://127.0.0.1:$PORT/health/ready" gateway
before=$(histogram "$RESULTS/histogram-before.txt")
java -cp "$JAR" "$LT_ROOT/load-tests/HeapPerItem.java" "http://127.0.0.1:$PORT" "$RESULTS/ids" 16 \
  "${ACCEPT_ENCODING:-}" | tee "$RESULTS/requests.txt"
after=$(histogram "$RESULTS/histogram-after.txt")
jcmd "$PID" GC.heap_info > "$RESULTS/heap-info.txt"

summary "heap per cached item: $ITEMS items x 8 variants from $(basename "$CATALOG"), jar $(basename "$JAR"), \
cache.compression=${COMPRESSION:-default}, Accept-Encoding '${ACCEPT_ENCODING:-}', load average $(cut -d' ' -f1-3 /proc/loadavg)"
summary "live heap: $before B with nothing cached, $after B after; $(( (after - before) / ITEMS )) B per item"
summary "by class (bytes per item, instances per item), the 12 biggest:"
# join the two histograms on the class name and divide the growth by ITEMS
summary "$(awk -v n="$ITEMS" '
  FNR == 1 { file++ }
  $1 ~ /^[0-9]+:$/ { if (file == 1) { b[$4] = $3; i[$4] = $2 } else { a[$4] = $3; j[$4] = $2 } }
  END { for (c in a) printf "%10.1f B %8.2f  %s\n", (a[c] - b[c]) / n, (j[c] - i[c]) / n, c }' \
  "$RESULTS/histogram-before.txt" "$RESULTS/histogram-after.txt" | sort -rn | head -12)"

#!/usr/bin/env bash
# The top frames of a JFR recording's CPU samples (jdk.ExecutionSample), for RESULTS.md: "self" counts the frame a
# sample was taken in, "inclusive" every method on the sampled stack (each once per sample), both as a share of all
# samples. Only event-loop threads (vert.x-eventloop-*) are counted unless THREADS=all.
# Record one with: java -XX:StartFlightRecording=settings=profile,filename=x.jfr ... (or jcmd PID JFR.start ...).
set -euo pipefail
USAGE="load-tests/jfr-top.sh RECORDING.jfr [rows=20 (1-200)] [filter=regex of methods shown inclusive, default all]"
source "$(dirname "$0")/lib.sh"
[[ "${1:-}" == -h || "${1:-}" == --help || $# -lt 1 ]] && { echo "usage: $USAGE"; exit 0; }
(( $# <= 3 )) || usage_error "too many arguments"
JFR_FILE=$1; ROWS=${2:-20}; FILTER=${3:-.}
[[ -f "$JFR_FILE" ]] || usage_error "no recording at '$JFR_FILE'"
require_int rows "$ROWS" 1 200
require_tools jfr awk
jfr print --events jdk.ExecutionSample --stack-depth 96 "$JFR_FILE" | awk -v rows="$ROWS" -v filter="$FILTER" \
    -v threads="${THREADS:-eventloop}" '
  /sampledThread = / { keep = (threads == "all" || $0 ~ /vert\.x-eventloop/); next }
  /stackTrace = \[/ { inside = keep; first = 1; delete seen; if (keep) n++; next }
  inside && /^[[:space:]]*\]/ { inside = 0; next }
  inside {
    f = $0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*$/, "", f); sub(/\(.*$/, "", f)
    if (first) { self[f]++; first = 0 }
    if (!(f in seen)) { seen[f] = 1; incl[f]++ }
  }
  END {
    if (n == 0) { print "no samples"; exit }
    printf "%d samples\n-- self --\n", n
    for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / n, f | "sort -rn | head -" rows
    close("sort -rn | head -" rows)
    printf "-- inclusive (%s) --\n", filter
    for (f in incl) if (f ~ filter) printf "%6.1f%%  %s\n", 100 * incl[f] / n, f | "sort -rn | head -" rows
    close("sort -rn | head -" rows)
  }'

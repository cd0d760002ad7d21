# Shared by the load-test scripts (sourced, not run): argument checks, the results folder, process cleanup.
# Every scenario writes into load-tests/results/<scenario>-<UTC timestamp>/: its logs, raw tool output and
# summary.txt. Nothing there is deleted on exit; the folder is git-ignored.

LT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# GATEWAY_JAR may be set in the environment to measure another build (an A/B of two trees)
GATEWAY_JAR=${GATEWAY_JAR:-$LT_ROOT/gateway/target/playgate-gateway.jar}
SIMULATOR_JAR=$LT_ROOT/hub-simulator/target/playgate-hub-simulator.jar
LT_PIDS=()

# usage_error MESSAGE: prints the message and the script's usage line, exits 2
usage_error() {
  echo "$(basename "$0"): $1" >&2
  echo "usage: $USAGE" >&2
  exit 2
}

# require_int NAME VALUE MIN MAX: VALUE must be a whole number in [MIN, MAX]
require_int() {
  [[ "$2" =~ ^[0-9]+$ ]] && (( 10#$2 >= $3 && 10#$2 <= $4 )) \
    || usage_error "$1 must be a whole number from $3 to $4, was '$2'"
}

# require_tools TOOL...: each must be on the PATH
require_tools() {
  local t
  for t in "$@"; do
    command -v "$t" > /dev/null || { echo "$(basename "$0"): needs '$t' (apt-get install -y $t)" >&2; exit 2; }
  done
}

# require_jars JAR...: each must have been built
require_jars() {
  local j
  for j in "$@"; do
    [[ -f "$j" ]] || { echo "$(basename "$0"): $j is missing; build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  done
}

# start_results SCENARIO: makes RESULTS=load-tests/results/SCENARIO-<timestamp> and says where it is
start_results() {
  RESULTS=$LT_ROOT/load-tests/results/$1-$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$RESULTS"
  echo "results and logs: ${RESULTS#"$LT_ROOT"/}"
  trap stop_started EXIT
}

# started PID: a process this script started, stopped on exit (by its id only)
started() {
  LT_PIDS+=("$1")
}

stop_started() {
  local p
  for p in "${LT_PIDS[@]}"; do kill "$p" 2> /dev/null || true; done
  for p in "${LT_PIDS[@]}"; do wait "$p" 2> /dev/null || true; done
}

# wait_http URL NAME: up to 30 s for URL to answer 2xx, else the script stops, pointing at the logs
wait_http() {
  local _
  for _ in $(seq 1 60); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "$(basename "$0"): $2 did not come up at $1; see $RESULTS" >&2
  exit 1
}

# summary LINE...: prints the lines and appends them to summary.txt
summary() {
  printf '%s\n' "$@" | tee -a "$RESULTS/summary.txt"
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

#!/usr/bin/env bash
# Switches the hub simulator's fault injection through its loopback admin API (see load-tests/README.md).
# Usage: load-tests/hub-faults.sh COMMAND [ARG]   (admin API at $HUB_ADMIN, default 127.0.0.1:9091, loopback only)
#   show                      the settings in force
#   set JSON                  replace them, e.g. set '{"latency":"300ms","errorRate":0.1}'
#   latency DURATION [JITTER] e.g. latency 300ms 100ms
#   errors RATE [STATUS]      e.g. errors 0.5 503 (rate 0-1, status 500-599)
#   outage                    connections closed without a response
#   drip INTERVAL             body one byte per interval, e.g. drip 50ms
#   answer NAME               NORMAL HTML TRUNCATED_JSON MISSING_FIELDS WRONG_TYPES WRONG_CONTENT_TYPE REDIRECT
#                             OVERSIZE GZIP_BOMB ENDLESS
#   off                       every fault off
#   counts                    {"total":N,"ids":{...}}
#   reset-counts              zero the counters
set -euo pipefail
USAGE="load-tests/hub-faults.sh show|set JSON|latency DURATION [JITTER]|errors RATE [STATUS]|outage|drip INTERVAL|answer NAME|off|counts|reset-counts"
source "$(dirname "$0")/lib.sh"
HOST_PORT=${HUB_ADMIN:-127.0.0.1:9091}
[[ "$HOST_PORT" =~ ^(localhost|127\.[0-9]+\.[0-9]+\.[0-9]+|\[::1\]):[0-9]+$ ]] \
  || usage_error "HUB_ADMIN must be a loopback host:port (localhost, 127.x.x.x or [::1]), was '$HOST_PORT'"
ADMIN="http://$HOST_PORT/admin"
DURATION='^[0-9]+(ms|s|m|h)?$'

# args COUNT_MIN COUNT_MAX: the command takes that many arguments
args() {
  (( ${#ARGS[@]} >= $1 && ${#ARGS[@]} <= $2 )) || usage_error "'$CMD' takes $1 to $2 argument(s), got ${#ARGS[@]}"
}
duration() {
  [[ "$2" =~ $DURATION ]] || usage_error "$1 must be a duration like 300ms, 2s or 1m, was '$2'"
}
put() { curl -sS --fail-with-body -X PUT "$ADMIN/faults" -H 'Content-Type: application/json' -d "$1"; echo; }

CMD=${1:-}
ARGS=("${@:2}")
case "$CMD" in
  show) args 0 0; curl -sS --fail-with-body "$ADMIN/faults"; echo ;;
  set) args 1 1; put "${ARGS[0]}" ;;
  latency) args 1 2; duration latency "${ARGS[0]}"; duration jitter "${ARGS[1]:-0ms}"
    put "{\"latency\":\"${ARGS[0]}\",\"latencyJitter\":\"${ARGS[1]:-0ms}\"}" ;;
  errors) args 1 2
    [[ "${ARGS[0]}" =~ ^(0(\.[0-9]+)?|1(\.0+)?)$ ]] || usage_error "rate must be a number from 0 to 1, was '${ARGS[0]}'"
    require_int status "${ARGS[1]:-503}" 500 599
    put "{\"errorRate\":${ARGS[0]},\"errorStatus\":${ARGS[1]:-503}}" ;;
  outage) args 0 0; put '{"outage":true}' ;;
  drip) args 1 1; duration interval "${ARGS[0]}"; put "{\"dripInterval\":\"${ARGS[0]}\"}" ;;
  answer) args 1 1
    [[ "${ARGS[0]^^}" =~ ^(NORMAL|HTML|TRUNCATED_JSON|MISSING_FIELDS|WRONG_TYPES|WRONG_CONTENT_TYPE|REDIRECT|OVERSIZE|GZIP_BOMB|ENDLESS)$ ]] \
      || usage_error "unknown answer '${ARGS[0]}' (see --help)"
    put "{\"answer\":\"${ARGS[0]^^}\"}" ;;
  off) args 0 0; curl -sS --fail-with-body -X DELETE "$ADMIN/faults"; echo ;;
  counts) args 0 0; curl -sS --fail-with-body "$ADMIN/counts"; echo ;;
  reset-counts) args 0 0; curl -sS --fail-with-body -X DELETE "$ADMIN/counts" ;;
  -h|--help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0" ;;
  "") usage_error "a command is needed (see --help)" ;;
  *) usage_error "unknown command '$CMD' (see --help)" ;;
esac

#!/usr/bin/env bash
# Switches the standalone local hub's fault injection (README "Fault injection") through its loopback admin API.
# Usage: load-tests/hub-faults.sh COMMAND [ARG]        (admin port from HUB_ADMIN, default 127.0.0.1:9091)
#   show                      the settings in force
#   set JSON                  replace them, e.g. set '{"latency":"300ms","errorRate":0.1}'
#   latency DURATION [JITTER] e.g. latency 300ms 100ms
#   errors RATE [STATUS]      e.g. errors 0.5 503
#   outage                    connections closed without a response
#   drip INTERVAL             body one byte per interval, e.g. drip 50ms
#   answer NAME               NORMAL HTML TRUNCATED_JSON MISSING_FIELDS WRONG_TYPES WRONG_CONTENT_TYPE REDIRECT
#                             OVERSIZE GZIP_BOMB ENDLESS
#   off                       every fault off
#   counts                    {"total":N,"ids":{...}}
#   reset-counts              zero the counters
set -euo pipefail
ADMIN="http://${HUB_ADMIN:-127.0.0.1:9091}/admin"
put() { curl -sS --fail-with-body -X PUT "$ADMIN/faults" -H 'Content-Type: application/json' -d "$1"; echo; }
case "${1:-}" in
  show) curl -sS --fail-with-body "$ADMIN/faults"; echo ;;
  set) put "${2:?JSON settings}" ;;
  latency) put "{\"latency\":\"${2:?duration}\",\"latencyJitter\":\"${3:-0ms}\"}" ;;
  errors) put "{\"errorRate\":${2:?rate},\"errorStatus\":${3:-503}}" ;;
  outage) put '{"outage":true}' ;;
  drip) put "{\"dripInterval\":\"${2:?interval}\"}" ;;
  answer) put "{\"answer\":\"${2:?answer name}\"}" ;;
  off) curl -sS --fail-with-body -X DELETE "$ADMIN/faults"; echo ;;
  counts) curl -sS --fail-with-body "$ADMIN/counts"; echo ;;
  reset-counts) curl -sS --fail-with-body -X DELETE "$ADMIN/counts" ;;
  -h|--help|"") sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"; [[ -n "${1:-}" ]] ;;
  *) echo "hub-faults.sh: unknown command '$1' (see --help)" >&2; exit 2 ;;
esac

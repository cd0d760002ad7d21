# Shared by the load-test scripts (sourced, not run): argument checks, the results folder, process cleanup.
# Every scenario writes into load-tests/results/<scenario>-<UTC timestamp>/: its logs, raw tool output and
# summary.txt. Nothing there is deleted on exit; the folder is git-ignored.

LT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# GATEWAY_JAR and SIMULATOR_JAR may be set in the environment to measure other builds (an A/B of two trees)
GATEWAY_JAR=${GATEWAY_JAR:-$LT_ROOT/gateway/target/playgate-gateway.jar}
SIMULATOR_JAR=${SIMULATOR_JAR:-$LT_ROOT/hub-simulator/target/playgate-hub-simulator.jar}
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

# start_gateway NAME PORT [JVM_OPTION...]: runs $GATEWAY_JAR on 127.0.0.1:PORT (access log off, management on a free
# port, anonymous rate limit off, the options given last win), its output in $RESULTS/NAME.log; sets GW_PID. It does
# not wait: follow with wait_http .../health/ready
start_gateway() {
  local name=$1 port=$2
  shift 2
  # shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of JVM options, e.g. "-XX:StartFlightRecording=..."
  java ${GATEWAY_JAVA_OPTS:-} -Dplaygate.server.port="$port" -Dplaygate.server.host=127.0.0.1 -Dplaygate.server.accessLog=false \
    -Dplaygate.management.port=0 -Dplaygate.partners.anonymous.capacity=0 "$@" -jar "$GATEWAY_JAR" \
    > "$RESULTS/$name.log" 2>&1 &
  GW_PID=$!
  started "$GW_PID"
}

# nginx_conf_start WORKERS: prints the opening of an nginx.conf whose pid file, logs and temporary files are in
# $RESULTS, access log off; the caller adds its server blocks and the closing brace of http
nginx_conf_start() {
  cat <<CONF
worker_processes $1;
pid $RESULTS/nginx.pid;
error_log $RESULTS/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $RESULTS/nginx-tmp;
  proxy_temp_path $RESULTS/nginx-tmp;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
CONF
}

# start_nginx CONF: Debian's nginx with that config (made with nginx_conf_start); sets NGINX_PID, its master
start_nginx() {
  local _
  nginx -c "$1"
  for _ in $(seq 1 50); do [[ -s "$RESULTS/nginx.pid" ]] && break; sleep 0.1; done
  [[ -s "$RESULTS/nginx.pid" ]] || { echo "$(basename "$0"): nginx did not start; see $RESULTS" >&2; exit 1; }
  NGINX_PID=$(cat "$RESULTS/nginx.pid")
  started "$NGINX_PID"
}

# wrk_rps FILE: the requests per second of a wrk output
wrk_rps() {
  awk '/Requests\/sec/ {print $2}' "$1"
}

# ratio A B: A/B with two decimals
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'
}

# require_decimal NAME VALUE MIN MAX: VALUE must be a number (digits, an optional fraction) in [MIN, MAX]
require_decimal() {
  [[ "$2" =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN {exit !(v >= lo && v <= hi)}' \
    || usage_error "$1 must be a number from $3 to $4, was '$2'"
}

# wait_ready_ms URL NAME T0: polls URL every 10 ms for up to 60 s; prints the milliseconds from T0 (date +%s%N,
# taken just before the process was started) to its first 2xx, else the script stops, pointing at the logs
wait_ready_ms() {
  local _
  for _ in $(seq 1 6000); do
    if curl -fs -o /dev/null --max-time 1 "$1"; then
      echo $(( ($(date +%s%N) - $3) / 1000000 ))
      return 0
    fi
    sleep 0.01
  done
  echo "$(basename "$0"): $2 did not come up at $1; see $RESULTS" >&2
  exit 1
}

# fetch_body URL PREFIX: writes the body to PREFIX.body and the Content-Type value to PREFIX.type (2xx only)
fetch_body() {
  curl -fsS -D "$2.head" -o "$2.body" "$1"
  grep -i '^content-type:' "$2.head" | head -1 | cut -d' ' -f2- | tr -d '\r\n' > "$2.type"
}

# cpu_ticks PID...: the CPU the processes have used so far, user and system, in clock ticks (getconf CLK_TCK)
cpu_ticks() {
  local p total=0 stat
  for p in "$@"; do
    stat=$(< "/proc/$p/stat")
    stat=${stat##*) }   # the fields after the command name, which may hold spaces
    read -r -a f <<< "$stat"
    total=$(( total + f[11] + f[12] ))   # utime and stime, fields 14 and 15 of proc(5)
  done
  echo "$total"
}

# wait_quiet MAX_LOAD MAX_WAIT: waits (up to MAX_WAIT seconds, checking every 5 s) until no mvn or java process runs
# but the ones this script started and the 1-minute load average is under MAX_LOAD; prints "quiet, load L" or
# "loaded, load L after S s (other mvn/java processes: N)"
wait_quiet() {
  local waited=0 load busy
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    busy=$(others_building)
    if [[ -z "$busy" ]] && awk -v l="$load" -v m="$1" 'BEGIN {exit !(l < m)}'; then
      echo "quiet, load $load$( (( waited > 0 )) && echo " after ${waited} s")"
      return 0
    fi
    if (( waited >= $2 )); then
      echo "loaded, load $load after ${waited} s${busy:+ (other mvn/java processes: $(wc -w <<< "$busy"))}"
      return 0
    fi
    sleep 5
    waited=$(( waited + 5 ))
  done
}

# others_building: the mvn and java processes running now that this script did not start, as "pid:name" words
others_building() {
  local mine=" ${LT_PIDS[*]} " pid comm args
  ps -eo pid=,comm=,args= | while read -r pid comm args; do
    [[ "$mine" == *" $pid "* ]] && continue
    if [[ "$comm" == java || "$comm" == mvn || "$args" == *plexus-classworlds* ]]; then
      printf '%s:%s ' "$pid" "$comm"
    fi
  done
}

# ---- several nodes behind nginx (rolling-restart.sh, cluster.sh) ----
# Callers set NODE_PORTS=(…) and MGMT_PORTS=(…), PUBLIC (every node's public base URL: nginx's address), HUB_URL and
# NODE_ARGS=(more -D options, possibly none)

NODE_PIDS=()
# start_node I GENERATION: starts gateway node I on NODE_PORTS[I] (remote mode, hub at HUB_URL), logging to
# node<I>-<GENERATION>.log; its pid is NODE_PIDS[I]
start_node() {
  java -Xmx256m -Dplaygate.server.port="${NODE_PORTS[$1]}" -Dplaygate.server.host=127.0.0.1 \
    -Dplaygate.server.instances=1 -Dplaygate.server.accessLog=false -Dplaygate.management.port="${MGMT_PORTS[$1]}" \
    -Dplaygate.server.publicBaseUrl="$PUBLIC" -Dplaygate.partners.anonymous.capacity=0 -Dplaygate.hub.mode=remote \
    -Dplaygate.hub.url="$HUB_URL" "${NODE_ARGS[@]}" -jar "$GATEWAY_JAR" > "$RESULTS/node$1-$2.log" 2>&1 &
  NODE_PIDS[$1]=$!
  started $!
}

# start_nginx_upstream NAME PORT NODE_PORT...: Debian's nginx on PORT running the README's "Running several nodes" example
# with its three servers replaced by the given node ports; pid, logs and temporary files in $RESULTS/NAME
start_nginx_upstream() {
  local name=$1 port=$2; shift 2
  local n="$RESULTS/$name"
  mkdir -p "$n"
  awk '/^## Running several nodes/ {s=1} s && /^```nginx/ {b=1; next} b && /^```/ {exit} b' "$LT_ROOT/README.md" \
    | sed -e "s/listen 8080;/listen 127.0.0.1:$port;/" > "$n/readme.conf"
  grep -q "proxy_next_upstream error timeout http_503;" "$n/readme.conf" \
    || { echo "$(basename "$0"): no nginx example in README.md \"Running several nodes\"" >&2; exit 1; }
  # the example's three server lines become one per given node, with the example's own parameters
  awk -v ports="$*" 'BEGIN {split(ports, P, " ")} /^ *server 127\.0\.0\.1:808[123] / {
      if (!done) { for (i = 1; i in P; i++) { line = $0; sub(/127\.0\.0\.1:808[123]/, "127.0.0.1:" P[i], line); print line }
      done = 1 } next } {print}' "$n/readme.conf" > "$n/playgate.conf"
  cat > "$n/nginx.conf" <<NGINX
worker_processes 1;
pid $n/nginx.pid;
error_log $n/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $n/client_body; proxy_temp_path $n/proxy; fastcgi_temp_path $n/fastcgi;
  uwsgi_temp_path $n/uwsgi; scgi_temp_path $n/scgi;
  include $n/playgate.conf;
}
NGINX
  chmod 755 "$n"
  /usr/sbin/nginx -p "$n" -e "$n/error.log" -c "$n/nginx.conf" -g 'daemon off;' > "$n/nginx.out" 2>&1 &
  started $!
  wait_http "http://127.0.0.1:$port/health/live" "nginx $name"
}

# roll_nodes: SIGTERM each node in turn, wait for it to exit by itself, start it again, wait until it is ready;
# prints one line per node (exit status, drain time, ready time, its drain line)
roll_nodes() {
  local i t0 t1 t2 status gen=$1
  for i in "${!NODE_PORTS[@]}"; do
    t0=$(date +%s%N)
    kill -TERM "${NODE_PIDS[$i]}"
    status=0; wait "${NODE_PIDS[$i]}" || status=$?
    t1=$(date +%s%N)
    start_node "$i" "$gen"
    wait_http "http://127.0.0.1:${NODE_PORTS[$i]}/health/ready" "node $i (restarted)"
    t2=$(date +%s%N)
    echo "node $i: exit status $status $(( (t1 - t0) / 1000000 )) ms after SIGTERM, ready again" \
      "$(( (t2 - t1) / 1000000 )) ms later; $(grep -o 'playgate drained: .*' "$RESULTS/node$i-$(( gen - 1 )).log" || echo 'no drain line')"
  done
}

# wrk_failures FILE: non-200 answers plus socket errors in a wrk output
wrk_failures() {
  local non200 sockets
  non200=$(awk '/^non-200/ {print $2}' "$1")
  sockets=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$1")
  echo $(( ${non200:-0} + ${sockets:-0} ))
}

# ab_runs RUNS CONNS SECS BEFORE_URL AFTER_URL: RUNS alternating wrk runs (-t2, CONNS connections, SECS seconds; the
# before side first), raw output in $RESULTS/wrk-{before,after}-<i>.txt, one line per run appended to runs.txt; sets
# BE and AF to each side's requests per second
ab_runs() {
  local i b a
  BE=(); AF=()
  for i in $(seq 1 "$1"); do
    wrk -t2 -c"$2" -d"$3s" --latency "$4" > "$RESULTS/wrk-before-$i.txt"
    wrk -t2 -c"$2" -d"$3s" --latency "$5" > "$RESULTS/wrk-after-$i.txt"
    b=$(wrk_rps "$RESULTS/wrk-before-$i.txt")
    a=$(wrk_rps "$RESULTS/wrk-after-$i.txt")
    echo "run $i: before ${b} req/s, after ${a} req/s (load average $(cut -d' ' -f1 /proc/loadavg))" \
      | tee -a "$RESULTS/runs.txt"
    BE+=("$b"); AF+=("$a")
  done
}

#!/usr/bin/env bash
# The addrservice benchmark: one command, `bench/run.sh`, from the repository root or anywhere.
#
# It builds the deployment if the sources are newer (on a JDK 25+, the aot-jar and its trained AOT
# cache, src/main/aot/build.sh; else the fast-jar with AppCDS), installs wrk and nginx with apt-get
# if they are missing, starts the packaged jar on the default file store in a scratch directory,
# loads BENCH_ENTRIES realistic entries with concurrent POSTs, and measures with wrk (every run
# bounded by BENCH_DURATION): GET by id, GET of random ids, a page of 100, PUT, durable POST and a
# 90/10 read/write mix (and, on the file store, GET and POST on two memory-store instances side by
# side, without and with bearer tokens in auth mode jwt, in alternating short rounds: what
# durability and tokens cost), plus nginx serving the same GET's bytes as a static file, which is the
# machine's ceiling, and the disk's own rate for durable writes at one fsync each
# (DurableWriteCeiling.java).
# It also times start-up to the first 200 (on an empty store, and on the file store's whole book
# with its loading), reads the resident memory, and times this machine's first touch of fresh
# memory (FreshMemory.java), which start-up pays for every page it touches. The tables go to
# stdout and to bench/results/<time>/report.md (with every raw wrk output) and
# bench/results/latest.md.
#
# Only 127.0.0.1 is used, on ports BENCH_PORTS (18400-18499). Everything started here is stopped
# on exit.
#
# Settings (environment):
#   BENCH_DURATION=10s  BENCH_THREADS=2  BENCH_CONNECTIONS=64   each measured wrk run
#   BENCH_ENTRIES=100000   entries loaded before measuring
#   BENCH_STARTS=5         start-ups timed to the first 200, on an empty store and on the book
#   BENCH_ROUNDS=8  BENCH_ROUND_DURATION=3s   the rounds of GET and of POST without and with a
#                          token (file store only), each a wrk run of that length on each instance
#   BENCH_WARM_UP_ROUNDS=4 at most this many rounds of warm-ups of every measured path, until
#                          one costs the JIT's compiler threads less than a second of CPU time
#   BENCH_PORTS=18400-18499   the ports the servers may listen on
#   BENCH_STORE=file       the engine (file is the default configuration)
#   BENCH_JAVA=...         the JDK's java to run the service with (default: a JDK 25 or later if
#                          there is one, for the AOT cache; else java on the PATH, with AppCDS)
#   BENCH_JVM_OPTS=...     JVM flags of the service (default: the documented deployment flags)
#   BENCH_JFR=1            record a JFR profile of the measured instance into the results
#   BENCH_KEEP=1           keep the scratch directory
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"

DURATION=${BENCH_DURATION:-10s}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
ENTRIES=${BENCH_ENTRIES:-100000}
STARTS=${BENCH_STARTS:-5}
ROUNDS=${BENCH_ROUNDS:-8}
ROUND_DURATION=${BENCH_ROUND_DURATION:-3s}
PORTS=${BENCH_PORTS:-18400-18499}
PORT_LOW=${PORTS%-*}
PORT_COUNT=$((${PORTS#*-} - PORT_LOW + 1))
STORE=${BENCH_STORE:-file}
WARM_UP_ROUNDS=${BENCH_WARM_UP_ROUNDS:-4}
# The deployment as the README describes it (JAVA, APP, JVM_OPTS, ensure_deployment).
# shellcheck source=bench/deployment.sh
source "$BENCH/deployment.sh"

STAMP=$(date -u +%Y-%m-%dT%H-%M-%SZ)
RESULTS="$BENCH/results/$STAMP"
SCRATCH=$(mktemp -d /tmp/addrservice-bench.XXXXXX)
PIDS=()

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ ${BENCH_KEEP:-0} != 1 ]]; then
    rm -rf "$SCRATCH"
  else
    say "scratch kept in $SCRATCH"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools and build -----------------------------------------------------------------------

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# --- processes -----------------------------------------------------------------------------

USED_PORTS=" "
free_port() {
  local i p
  for ((i = 0; i < PORT_COUNT; i++)); do
    p=$((PORT_LOW + (RANDOM + i) % PORT_COUNT))
    if [[ $USED_PORTS != *" $p "* ]] && [[ -z $(ss -Htln "sport = :$p") ]]; then
      USED_PORTS+="$p "
      echo "$p"
      return
    fi
  done
  echo "no free port in $PORTS" >&2
  return 1
}

# Answers whether GET $2 on port $1 is a 200, with bash's own sockets: no process per probe, so
# polling does not take CPU from the starting JVM on a small machine.
probe() {
  local line=
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
  IFS= read -r -t 5 line <&3 || true
  exec 3<&- 3>&-
  [[ $line == "HTTP/1.1 200"* ]]
}

# Starts the service on directory $1, port $2, log $3, extra JVM flags $4; sets SERVICE_PID and
# SERVICE_T0 (the wall clock just before the process is made).
start_service() {
  local dir=$1 port=$2 log=$3 extra=${4:-}
  if [[ $STORE == file ]]; then
    extra+=" -Daddrservice.store.file.dir=$dir"
  fi
  SERVICE_T0=$EPOCHREALTIME
  # shellcheck disable=SC2086 # the flags are words on purpose
  (cd "$APP" && exec "$JAVA" $JVM_OPTS $extra \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Daddrservice.store.kind="$STORE" \
    -jar quarkus-run.jar) >"$log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
}

# Milliseconds from SERVICE_T0 to the first 200 of GET /addresses?limit=1 on port $1.
wait_first_200() {
  local port=$1 deadline=$((SECONDS + 120))
  until probe "$port" "/addresses?limit=1"; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      say "the service exited; its log:"
      cat "$SERVICE_LOG" >&2
      return 1
    fi
    ((SECONDS < deadline)) || { say "no 200 within 120 s"; return 1; }
    sleep 0.005
  done
  local now=$EPOCHREALTIME
  awk -v a="$SERVICE_T0" -v b="$now" 'BEGIN { printf "%d", (b - a) * 1000 }'
}

stop_service() {
  kill -TERM "$SERVICE_PID" 2>/dev/null || true
  wait "$SERVICE_PID" 2>/dev/null || true
}

rss_mb() {
  awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"
}

# Quarkus's own start-up figure ("started in 0.812s"), in ms, from log $1. Quarkus logs it just
# after the HTTP server opens, so a fast first 200 can come before it: wait for it a little.
started_in_ms() {
  local i
  for ((i = 0; i < 100; i++)); do
    grep -q ' started in ' "$1" && break
    sleep 0.05
  done
  sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' "$1" | head -1 | awk '{ printf "%d", $1 * 1000 }'
}

# --- wrk -----------------------------------------------------------------------------------

declare -A RPS P50 P99 ERRS JIT_S
# The service process whose JIT measure() watches (none for nginx).
MEASURED_PID=
CLK_TCK=$(getconf CLK_TCK)
# utime + stime, in clock ticks, of the process or thread whose /proc stat file is $1 (0 once it
# is gone); the fields are counted after the command name, which may hold spaces.
stat_ticks() {
  local stat fields
  { stat=$(<"$1"); } 2>/dev/null || { echo 0; return; }
  read -r -a fields <<<"${stat##*) }"
  echo $((fields[11] + fields[12]))
}
# utime + stime of process $1, in clock ticks.
cpu_ticks() { stat_ticks "/proc/$1/stat"; }
# The same for process $1's JIT compiler threads (C1 and C2).
jit_ticks() {
  local task total=0
  for task in /proc/"$1"/task/*; do
    { [[ $(<"$task/comm") == C[12]\ Compiler* ]]; } 2>/dev/null || continue
    total=$((total + $(stat_ticks "$task/stat")))
  done
  echo "$total"
}
# The measured instance's snapshot files (a compaction writes a new one), when MEASURED_PID is it.
COMPACTED=()
snapshots() {
  [[ -n $MEASURED_PID && $MEASURED_PID == "${MAIN_PID:-}" ]] || return 0
  find "$DATA" -maxdepth 1 -name 'snapshot-*.jsonl' -printf '%f ' 2>/dev/null || true
}
ticks_s() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }'; }
# Runs wrk as run $1 with script $2 against URL $3 (more wrk flags after); keeps the raw output.
measure() {
  local name=$1 script=$2 url=$3
  shift 3
  say "wrk $name: $url (load average $(cut -d' ' -f1 /proc/loadavg))"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$RESULTS/wrk-$name.txt"
  local jit_before=0 snapshots_before
  [[ -z $MEASURED_PID ]] || jit_before=$(jit_ticks "$MEASURED_PID")
  snapshots_before=$(snapshots)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH/lua/$script" "$@" "$url" \
    >>"$RESULTS/wrk-$name.txt" 2>&1
  if [[ $(snapshots) != "$snapshots_before" ]]; then
    COMPACTED+=("$name")
    echo "the file store wrote a snapshot (compaction) during the run: $(snapshots)" >>"$RESULTS/wrk-$name.txt"
  fi
  JIT_S[$name]=-
  if [[ -n $MEASURED_PID ]]; then
    JIT_S[$name]=$(ticks_s $(($(jit_ticks "$MEASURED_PID") - jit_before)))
    echo "the JIT's compiler threads during the run: ${JIT_S[$name]} s of CPU time" >>"$RESULTS/wrk-$name.txt"
  fi
  local line
  line=$(grep '^BENCH ' "$RESULTS/wrk-$name.txt")
  RPS[$name]=$(field "$line" rps)
  P50[$name]=$(awk -v us="$(field "$line" p50_us)" 'BEGIN { printf "%.2f", us / 1000 }')
  P99[$name]=$(awk -v us="$(field "$line" p99_us)" 'BEGIN { printf "%.2f", us / 1000 }')
  ERRS[$name]=$(($(field "$line" errors_connect) + $(field "$line" errors_read) \
    + $(field "$line" errors_write) + $(field "$line" errors_status) \
    + $(field "$line" errors_timeout)))
}
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<" $1"; }
warm_up() {
  local script=$1 url=$2 time=$3
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$time" -s "$BENCH/lua/$script" "$url" \
    >>"$RESULTS/wrk-warm-up.txt" 2>&1
}

# --- the run -------------------------------------------------------------------------------

ensure_tools
ensure_deployment
mkdir -p "$RESULTS"
export BENCH_LUA="$BENCH/lua" BENCH_IDS="$SCRATCH/ids.txt"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
say "results in $RESULTS; load average $LOAD_BEFORE"

# 1. Start-up to the first 200, on an empty store each time.
PORT=$(free_port)
STARTUP_MS=()
STARTED_IN=()
for ((i = 1; i <= STARTS; i++)); do
  SERVICE_LOG="$SCRATCH/start-$i.log"
  start_service "$SCRATCH/start-$i" "$PORT" "$SERVICE_LOG"
  STARTUP_MS+=("$(wait_first_200 "$PORT")")
  stop_service
  STARTED_IN+=("$(started_in_ms "$SERVICE_LOG")")
  # A refused archive is only a warning to the JVM, which then starts without it: not the
  # deployment being measured.
  if archive_refused "$SERVICE_LOG"; then
    say "the JVM refused the class archive in $APP (rebuild it: see ensure_deployment)"
    exit 1
  fi
  say "start $i: first 200 after ${STARTUP_MS[-1]} ms (Quarkus: started in ${STARTED_IN[-1]} ms)"
done
cp "$SCRATCH/start-1.log" "$RESULTS/service-start.log"
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# The median of $2.. in printf format $1, of an even count too (the mean of the middle two).
mid() {
  local format=$1
  shift
  printf '%s\n' "$@" | sort -n | awk -v f="$format" \
    '{ v[NR] = $1 } END { printf f, (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }'
}
minmax() { printf '%s\n' "$@" | sort -n | awk 'NR == 1 { a = $1 } { b = $1 } END { print a "–" b }'; }

# 2. The measured instance: idle memory, then the load.
DATA="$SCRATCH/data"
SERVICE_LOG="$SCRATCH/service.log"
JFR_OPTS=""
if [[ ${BENCH_JFR:-0} == 1 ]]; then
  JFR_OPTS="-XX:StartFlightRecording=settings=profile,filename=$RESULTS/service.jfr"
fi
start_service "$DATA" "$PORT" "$SERVICE_LOG" "$([[ $STORE == file ]] || echo "$JFR_OPTS")"
wait_first_200 "$PORT" >/dev/null
MAIN_PID=$SERVICE_PID
sleep 3
RSS_IDLE=$(rss_mb "$MAIN_PID")
say "RSS idle: $RSS_IDLE MB"

BASE="http://127.0.0.1:$PORT"
say "loading $ENTRIES entries with concurrent POSTs"
LOAD_T0=$EPOCHREALTIME
BENCH_LOAD_PER_THREAD=$((ENTRIES / THREADS)) BENCH_LOAD_DONE="$SCRATCH/load-done" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d600s --latency -s "$BENCH/lua/load.lua" "$BASE/addresses" \
  >"$RESULTS/wrk-load.txt" 2>&1 &
WRK_PID=$!
PIDS+=("$WRK_PID")
# wrk runs for its whole duration even when every thread has stopped: interrupt it then.
while kill -0 "$WRK_PID" 2>/dev/null; do
  if (($(find "$SCRATCH" -maxdepth 1 -name 'load-done.*' | wc -l) >= THREADS)); then
    kill -INT "$WRK_PID"
    break
  fi
  sleep 0.2
done
wait "$WRK_PID" || true
LOAD_S=$(awk -v a="$LOAD_T0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

# The ids, in id order, by paging through the whole book.
: >"$BENCH_IDS"
after=""
while :; do
  page=$(curl -sf --max-time 10 "$BASE/addresses?limit=1000${after:+&after=$after}")
  grep -oE '"[0-9a-f]{32}":\{' <<<"$page" | cut -c2-33 >"$SCRATCH/page.txt" || true
  [[ -s $SCRATCH/page.txt ]] || break
  cat "$SCRATCH/page.txt" >>"$BENCH_IDS"
  after=$(tail -1 "$SCRATCH/page.txt")
done
LOADED=$(wc -l <"$BENCH_IDS")
say "loaded $LOADED entries in $LOAD_S s"

# 3. The file store loading the whole book: restarts on it, each from a copy of the directory as
# the load left it (a start may compact it), in turns with starts on an empty directory, so that
# the two are compared in the same minutes; the measured runs use the last instance.
BOOK_FILES=0 RESTART_MS=- RESTART_STARTED_IN=- RSS_BOOK_IDLE=- STORE_LOAD_MS=- EMPTY_MS=-
if [[ $STORE == file ]]; then
  stop_service
  cp -a "$DATA" "$SCRATCH/loaded"
  RESTARTS=() RESTARTED_IN=() LOADED_IN=() EMPTY_STARTS=()
  for ((i = 1; i <= STARTS; i++)); do
    SERVICE_LOG="$SCRATCH/empty-$i.log"
    start_service "$SCRATCH/empty-$i" "$PORT" "$SERVICE_LOG"
    EMPTY_STARTS+=("$(wait_first_200 "$PORT")")
    stop_service
    rm -rf "$DATA"
    cp -a "$SCRATCH/loaded" "$DATA"
    SERVICE_LOG="$SCRATCH/restart-$i.log"
    start_service "$DATA" "$PORT" "$SERVICE_LOG" "$([[ $i -lt $STARTS ]] || echo "$JFR_OPTS")"
    RESTARTS+=("$(wait_first_200 "$PORT")")
    RESTARTED_IN+=("$(started_in_ms "$SERVICE_LOG")")
    LOADED_IN+=("$(sed -n 's/.* entries loaded in \([0-9]*\) ms.*/\1/p' "$SERVICE_LOG" | head -1)")
    say "start $i: first 200 after ${EMPTY_STARTS[-1]} ms on an empty store, ${RESTARTS[-1]} ms on the book (loaded in ${LOADED_IN[-1]} ms)"
    ((i == STARTS)) || stop_service
  done
  rm -rf "$SCRATCH/loaded"
  RESTART_MS=$(median "${RESTARTS[@]}")
  EMPTY_MS=$(median "${EMPTY_STARTS[@]}")
  RESTART_STARTED_IN=$(median "${RESTARTED_IN[@]}")
  STORE_LOAD_MS=$(median "${LOADED_IN[@]}")
  # The entries the store loaded, as its start-up line counts them (the log holds no file per entry).
  BOOK_FILES=$(sed -n 's/.*: \([0-9]*\) entries loaded in .*/\1/p' "$SERVICE_LOG" | head -1)
  MAIN_PID=$SERVICE_PID
  sleep 3
  RSS_BOOK_IDLE=$(rss_mb "$MAIN_PID")
  grep -v 'req_id=' "$SERVICE_LOG" | head -50 >"$RESULTS/service-restart.log" || true
  say "restarts with $BOOK_FILES entries: first 200 after $RESTART_MS ms (median); RSS $RSS_BOOK_IDLE MB"
fi

# 4. nginx serving one entry's exact bytes, with the service's content type and ETag.
GET_ID=$(sed -n "$((LOADED / 2))p" "$BENCH_IDS")
NGINX="$SCRATCH/nginx"
mkdir -p "$NGINX/www/addresses" "$NGINX/tmp"
curl -sf --max-time 10 -D "$NGINX/headers.txt" -o "$NGINX/www/addresses/$GET_ID" "$BASE/addresses/$GET_ID"
CONTENT_TYPE=$(sed -n 's/^[Cc]ontent-[Tt]ype: *\([^\r]*\).*/\1/p' "$NGINX/headers.txt")
ETAG=$(sed -n 's/^[Ee][Tt]ag: *\([^\r]*\).*/\1/p' "$NGINX/headers.txt")
NPORT=$(free_port)
chmod a+rX "$SCRATCH" && chmod -R a+rX "$NGINX"
cat >"$NGINX/nginx.conf" <<EOF
$([[ $EUID == 0 ]] && echo "user root;")
worker_processes auto;
daemon off;
pid $NGINX/nginx.pid;
error_log $NGINX/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $NGINX/tmp/body;
  proxy_temp_path $NGINX/tmp/proxy;
  fastcgi_temp_path $NGINX/tmp/fastcgi;
  uwsgi_temp_path $NGINX/tmp/uwsgi;
  scgi_temp_path $NGINX/tmp/scgi;
  server {
    listen 127.0.0.1:$NPORT;
    root $NGINX/www;
    etag off;
    keepalive_requests 1000000;
    location / {
      default_type "$CONTENT_TYPE";
      add_header ETag '$ETAG';
    }
  }
}
EOF
nginx -p "$NGINX" -c "$NGINX/nginx.conf" &
PIDS+=($!)
for ((i = 0; i < 200; i++)); do probe "$NPORT" "/addresses/$GET_ID" && break; sleep 0.01; done
cp "$NGINX/headers.txt" "$RESULTS/service-get-headers.txt"
curl -sf --max-time 10 -D "$RESULTS/nginx-get-headers.txt" -o "$SCRATCH/nginx-body" \
  "http://127.0.0.1:$NPORT/addresses/$GET_ID"
cmp -s "$SCRATCH/nginx-body" "$NGINX/www/addresses/$GET_ID" || { say "nginx serves other bytes"; exit 1; }

# 5. The measured runs, after warm-ups of every path they measure. The AOT cache holds the methods'
# profiles but no compiled code, so the JIT compiles a path when it first runs under load: tens of
# seconds of CPU time for these paths, on the two cores wrk shares, and a run measured meanwhile
# measures the compiler as well. The warm-ups go round (at most WARM_UP_ROUNDS times) until one
# whole round costs the JIT's compiler threads less than a second of CPU time; the report gives
# the compilers' CPU time during each measured run. The short POST of each round adds entries.
say "warming up"
MEASURED_PID=$MAIN_PID
WARM_UPS=0
while ((WARM_UPS < WARM_UP_ROUNDS)); do
  WARM_UPS=$((WARM_UPS + 1))
  jit_before=$(jit_ticks "$MAIN_PID")
  warm_up get.lua "$BASE/addresses/$GET_ID" 5s
  warm_up getrandom.lua "$BASE/addresses" 2s
  warm_up mixed.lua "$BASE/addresses" 5s
  warm_up page.lua "$BASE/addresses" 3s
  warm_up put.lua "$BASE/addresses" 3s
  warm_up post.lua "$BASE/addresses" 2s
  WARM_UP_JIT_S=$(ticks_s $(($(jit_ticks "$MAIN_PID") - jit_before)))
  say "warm-up round $WARM_UPS: the JIT's compiler threads took $WARM_UP_JIT_S s of CPU time"
  awk -v s="$WARM_UP_JIT_S" 'BEGIN { exit !(s < 1) }' && break
done
MEASURED_PID= measure nginx-get get.lua "http://127.0.0.1:$NPORT/addresses/$GET_ID"
measure get get.lua "$BASE/addresses/$GET_ID"
measure get-random getrandom.lua "$BASE/addresses"
measure page page.lua "$BASE/addresses"
measure put put.lua "$BASE/addresses"
measure post post.lua "$BASE/addresses"
measure mixed mixed.lua "$BASE/addresses"
RSS_LOADED=$(rss_mb "$MAIN_PID")
MEASURED_PID=
stop_service

# What durability and tokens cost, in the same minutes (file store only): two fresh memory-store
# instances side by side, one without tokens (mode none) and one in auth mode jwt with the
# dev-only key, each with an entry of its own (a token's owner has a book of its own), warmed
# alike, then BENCH_ROUNDS short runs of GET of that entry on each in turn (order ABBA: none-jwt,
# jwt-none, jwt-none, none-jwt, ...), then the same for the durable-POST script. Each pair of
# runs gives one ratio jwt / none; the report gives the median of the rounds and their range,
# and the CPU time each instance spent per request (from /proc). The memory store's POST (the
# median of its rounds) is what the file store's POST is compared with.
declare -A CPU_US
# Runs measure $2.. against process $1, and keeps the CPU time that process spent per request, in µs.
measure_cpu() {
  local pid=$1 name=$2 before after
  shift 2
  before=$(cpu_ticks "$pid")
  MEASURED_PID=$pid measure "$name" "$@"
  after=$(cpu_ticks "$pid")
  CPU_US[$name]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" \
    -v n="$(field "$(grep '^BENCH ' "$RESULTS/wrk-$name.txt")" requests)" \
    'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')
}
# Alternates $ROUNDS runs of script $2 on the two instances as run $1.<instance>.<round>, against
# URL $3 (none) and $4 (jwt), and sums each instance's rounds up as run $1-memory and $1-jwt.
alternate() {
  local run=$1 script=$2 none_url=$3 jwt_url=$4 r first
  for ((r = 1; r <= ROUNDS; r++)); do
    # ABBA: none first in rounds 1, 4, 5, 8, ...; jwt first in 2, 3, 6, 7, ...
    if (((r % 4) < 2)); then first=none; else first=jwt; fi
    [[ $first == none ]] || alternate_jwt "$run" "$script" "$jwt_url" "$r"
    DURATION=$ROUND_DURATION measure_cpu "$MEMORY_PID" "$run-memory.$r" "$script" "$none_url"
    [[ $first == jwt ]] || alternate_jwt "$run" "$script" "$jwt_url" "$r"
  done
  summarize "$run-memory"
  summarize "$run-jwt"
}
alternate_jwt() {
  BENCH_TOKEN=$TOKEN DURATION=$ROUND_DURATION measure_cpu "$JWT_PID" "$1-jwt.$4" "$2" "$3"
}
# Run $1 as the medians of its rounds $1.1..$1.ROUNDS (errors: their sum).
summarize() {
  local name=$1 r rps=() p50=() p99=() cpu=() errs=0 jit=0
  for ((r = 1; r <= ROUNDS; r++)); do
    rps+=("${RPS[$name.$r]}") p50+=("${P50[$name.$r]}") p99+=("${P99[$name.$r]}")
    cpu+=("${CPU_US[$name.$r]}") errs=$((errs + ERRS[$name.$r]))
    jit=$(awk -v a="$jit" -v b="${JIT_S[$name.$r]}" 'BEGIN { printf "%.1f", a + b }')
  done
  RPS[$name]=$(mid %.1f "${rps[@]}") P50[$name]=$(mid %.2f "${p50[@]}")
  P99[$name]=$(mid %.2f "${p99[@]}") CPU_US[$name]=$(mid %.1f "${cpu[@]}") ERRS[$name]=$errs
  JIT_S[$name]=$jit
}
# "0.93× (0.88–0.97)": the median and range over the rounds of run $1-jwt / run $1-memory.
round_ratios() {
  local r ratios=()
  for ((r = 1; r <= ROUNDS; r++)); do
    ratios+=("$(awk -v a="${RPS[$1-jwt.$r]}" -v b="${RPS[$1-memory.$r]}" 'BEGIN { printf "%.2f", a / b }')")
  done
  RATIO[$1]=$(mid %.2f "${ratios[@]}")
  RATIO_RANGE[$1]=$(minmax "${ratios[@]}")
}
declare -A RATIO RATIO_RANGE
if [[ $STORE == file ]]; then
  TOKEN=$(cd "$ROOT" && java src/main/dev/DevToken.java bench addresses.read addresses.write)
  STORE=memory
  SERVICE_LOG="$SCRATCH/memory.log"
  start_service "$SCRATCH/memory" "$PORT" "$SERVICE_LOG"
  MEMORY_PID=$SERVICE_PID
  wait_first_200 "$PORT" >/dev/null
  JWT_PORT=$(free_port)
  SERVICE_LOG="$SCRATCH/jwt.log"
  start_service "$SCRATCH/jwt" "$JWT_PORT" "$SERVICE_LOG" "-Daddrservice.auth.mode=jwt \
    -Dmp.jwt.verify.publickey.location=$ROOT/src/main/dev/dev-public-key.pem \
    -Dmp.jwt.verify.issuer=https://addrservice.dev -Dmp.jwt.verify.audiences=addrservice"
  JWT_PID=$SERVICE_PID
  STORE=file
  for ((i = 0; i < 1200; i++)); do probe "$JWT_PORT" /q/health/ready && break; sleep 0.1; done
  JWT_BASE="http://127.0.0.1:$JWT_PORT"
  MEMORY_ID=$(curl -sf --max-time 10 -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"full_name": "Ada Lovelace"}' "$BASE/addresses" |
    sed -n 's|^[Ll]ocation: */addresses/\([0-9a-f]*\).*|\1|p')
  JWT_ID=$(curl -sf --max-time 10 -D - -o /dev/null -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{"full_name": "Ada Lovelace"}' "$JWT_BASE/addresses" |
    sed -n 's|^[Ll]ocation: */addresses/\([0-9a-f]*\).*|\1|p')
  say "memory store without and with tokens: $ROUNDS rounds of $ROUND_DURATION each, GET then POST"
  # POST first, so that the GET rounds follow their own warm-up, as the main instance's GET does.
  warm_up post.lua "$BASE/addresses" 5s
  BENCH_TOKEN=$TOKEN warm_up post.lua "$JWT_BASE/addresses" 5s
  warm_up get.lua "$BASE/addresses/$MEMORY_ID" 5s
  BENCH_TOKEN=$TOKEN warm_up get.lua "$JWT_BASE/addresses/$JWT_ID" 5s
  alternate get get.lua "$BASE/addresses/$MEMORY_ID" "$JWT_BASE/addresses/$JWT_ID"
  alternate post post.lua "$BASE/addresses" "$JWT_BASE/addresses"
  round_ratios get
  round_ratios post
  SERVICE_PID=$JWT_PID stop_service
  SERVICE_PID=$MEMORY_PID stop_service
fi

# 6. The disk's own rate for durable writes at one fsync each, without HTTP or JSON: as many
# threads as wrk has connections repeat the earlier one-file-per-entry store's protocol (temp file,
# fsync, rename, shared directory fsync) on the same file system: what group commit must beat.
CEILING_LINE=""
if [[ $STORE == file ]]; then
  say "durable-write ceiling: $CONNECTIONS threads for $DURATION"
  CEILING_LINE=$(java "$BENCH/DurableWriteCeiling.java" "$SCRATCH/ceiling" "$CONNECTIONS" \
    "${DURATION%s}" | tee "$RESULTS/durable-write-ceiling.txt")
  RPS[ceiling]=$(field "$CEILING_LINE" writes_per_s)
  P50[ceiling]=$(field "$CEILING_LINE" p50_ms)
  P99[ceiling]=$(field "$CEILING_LINE" p99_ms)
  ERRS[ceiling]=0
  JIT_S[ceiling]=-
  rm -rf "$SCRATCH/ceiling"
fi

# 7. What a page of fresh memory costs here the first time it is touched.
FRESH_LINE=$(java "$BENCH/FreshMemory.java" 256 | tee "$RESULTS/fresh-memory.txt")

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the report ----------------------------------------------------------------------------

NGINX_RPS=${RPS[nginx-get]}
ratio() { awk -v a="${RPS[$1]}" -v b="$NGINX_RPS" 'BEGIN { printf "%.2f", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
verdict() { if "$@"; then echo "met"; else echo "**missed**"; fi; }
goal_get() { ge "$(ratio get)" 0.75 && le "${P99[get]}" 5; }
goal_page() { le "${P99[page]}" 10; }
STARTUP_MEDIAN=$(median "${STARTUP_MS[@]}")

rps_ratio() { awk -v a="${RPS[$1]}" -v b="${RPS[$2]}" 'BEGIN { printf "%.2f", a / b }'; }
# The row of run $2-jwt, method $1, label $3: the median ratio of its rounds to $2-memory's.
token_row() {
  row "$3 with a bearer token (auth mode jwt, memory store; its rounds alternate with those without; ${CPU_US[$2-jwt]} µs CPU a request)" \
    "$2-jwt" "${RATIO[$2]}× (${RATIO_RANGE[$2]} over $ROUNDS rounds) of the memory store's $1 without: ≥ 0.90× $(verdict ge "${RATIO[$2]}" 0.90)"
}
row() {
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "${RPS[$2]}" "${P50[$2]}" "${P99[$2]}" \
    "$(ratio "$2")" "${ERRS[$2]}" "${JIT_S[$2]}" "$3"
}
{
  echo "# addrservice benchmark, $STAMP"
  echo
  echo "\`bench/run.sh\` at $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml bench ':!bench/results' || echo ' (with uncommitted changes)'),"
  echo "store \`$STORE\`, $LOADED entries loaded; wrk -t$THREADS -c$CONNECTIONS -d$DURATION per run,"
  echo "service and wrk on the same machine, 127.0.0.1. Before the measured runs, $WARM_UPS round(s) of"
  echo "warm-ups of every path they measure (the last: $WARM_UP_JIT_S s of the JIT compilers' CPU time);"
  echo "JIT s: the CPU time the service's JIT compiler threads took during the run (for the rounds, their sum)."
  echo
  echo "| run | req/s | p50 ms | p99 ms | × nginx | errors | JIT s | goal |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
  row "nginx, static file with the same bytes as GET by id" nginx-get "the ceiling"
  row "GET /addresses/{id}, one id" get "≥ 0.75× nginx, p99 ≤ 5 ms: $(verdict goal_get)"
  row "GET /addresses/{id}, random ids" get-random ""
  row "GET /addresses?limit=100&after=… (page of 100)" page "p99 ≤ 10 ms: $(verdict goal_page)"
  row "PUT /addresses/{id}" put ""
  row "POST /addresses (durable)" post "p99 ≤ 20 ms: $(verdict le "${P99[post]}" 20)"
  row "90 % GET / 10 % PUT" mixed ""
  if [[ $STORE == file ]]; then
    row "POST /addresses on the memory store (not durable; median of $ROUNDS rounds of $ROUND_DURATION; ${CPU_US[post-memory]} µs CPU a request)" \
      post-memory "file POST is $(rps_ratio post post-memory)× of it: ≥ 0.5× $(verdict ge "$(rps_ratio post post-memory)" 0.5)"
    row "GET /addresses/{id} on the memory store (median of $ROUNDS rounds of $ROUND_DURATION; ${CPU_US[get-memory]} µs CPU a request)" \
      get-memory ""
    token_row GET get "GET /addresses/{id}"
    token_row POST post "POST /addresses"
  fi
  if [[ -n $CEILING_LINE ]]; then
    row "the disk at one fsync per write (DurableWriteCeiling), $CONNECTIONS threads, no HTTP" \
      ceiling "POST is $(awk -v a="${RPS[post]}" -v b="${RPS[ceiling]}" 'BEGIN { printf "%.2f", a / b }')× of it"
  fi
  if ((${#COMPACTED[@]} > 0)); then
    echo
    echo "The file store compacted (wrote a snapshot) during: ${COMPACTED[*]}."
  fi
  echo
  echo "| measure | value | goal |"
  echo "|---|---:|---|"
  echo "| start to first 200, empty store (median of $STARTS; range) | $STARTUP_MEDIAN ms ($(minmax "${STARTUP_MS[@]}")) | ≤ 1000 ms: $(verdict le "$STARTUP_MEDIAN" 1000) |"
  echo "| Quarkus \"started in\" (median) | $(median "${STARTED_IN[@]}") ms | |"
  if [[ $STORE == file ]]; then
    echo "| file store loading $BOOK_FILES entries (its start-up log line; median of $STARTS; range) | $STORE_LOAD_MS ms ($(minmax "${LOADED_IN[@]}")) | ≤ 3000 ms: $(verdict le "$STORE_LOAD_MS" 3000) |"
    echo "| start to first 200 on the loaded book (median of $STARTS; range) | $RESTART_MS ms ($(minmax "${RESTARTS[@]}"); Quarkus: $RESTART_STARTED_IN ms) | |"
    echo "| start to first 200 on an empty store, in turns with those (median of $STARTS; range) | $EMPTY_MS ms ($(minmax "${EMPTY_STARTS[@]}")) | |"
    echo "| the loaded book's start minus the empty store's, in turns | $((RESTART_MS - EMPTY_MS)) ms | ≤ 1000 ms: $(verdict le "$((RESTART_MS - EMPTY_MS))" 1000) |"
  fi
  echo "| RSS idle, empty store | $RSS_IDLE MB | ≤ 120 MB: $(verdict le "$RSS_IDLE" 120) |"
  echo "| RSS after the runs | $RSS_LOADED MB | |"
  [[ $STORE != file ]] || echo "| RSS idle with the book loaded | $RSS_BOOK_IDLE MB | |"
  echo "| loading $LOADED entries by POST (-c$CONNECTIONS) | $LOAD_S s | |"
  echo
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
    "$("$JAVA" -version 2>&1 | head -1), $(uname -sr);"
  echo "fresh memory (FreshMemory.java): $(awk -v ns="$(field "$FRESH_LINE" first_touch_ns_per_page)" 'BEGIN { printf "%.1f", ns / 1000 }') µs a 4 KB page the first time it is touched," \
    "$(awk -v ns="$(field "$FRESH_LINE" again_ns_per_page)" 'BEGIN { printf "%.2f", ns / 1000 }') µs to write it again."
  echo "Load average (1, 5, 15 min) before the run: $LOAD_BEFORE; before each wrk run: see"
  echo "the raw files (the POST and PUT runs raise it themselves: threads waiting in fsync count)."
  echo "The service: \`${APP#"$ROOT"/}/quarkus-run.jar\` on \`$JAVA\`; JVM flags: \`${JVM_OPTS:-(none)}\`,"
  echo "MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}."
} >"$RESULTS/report.md"
cp "$RESULTS/report.md" "$BENCH/results/latest.md"
echo
cat "$RESULTS/report.md"

#!/usr/bin/env bash
# Soak test: the deployment bench/run.sh measures (bench/deployment.sh) on the file store, a mix of reads and writes
# (bench/lua/soak.lua: 80 % GET, 15 % PUT, 5 % listing pages) at half the rate that saturates it,
# for SOAK_DURATION, with the process's resident memory sampled every SOAK_SAMPLE seconds and every
# error counted (connect, read, write, timeout, and any status that is not 2xx/3xx). The JVM runs
# with the deployment's flags (src/main/aot/build.sh --jvm-opts, MALLOC_ARENA_MAX=2) unless
# SOAK_JVM_OPTS says otherwise, and the live heap is counted
# by class (jcmd GC.class_histogram, after a full collection) once the load is warm and again at
# the end, so a growing resident set can be told apart from a growing heap.
#
#   SOAK_DURATION=30m  SOAK_SAMPLE=10  SOAK_ENTRIES=2000  SOAK_CONNECTIONS=32  bench/soak.sh
#
# Only 127.0.0.1, on one free port in 18500-18599; every wrk run is bounded by its duration, and
# everything started here is stopped on exit. Output: a summary on stdout, and the raw wrk reports
# and the RSS samples (seconds,kB) and the end of the service log in bench/results/soak-<time>/.
set -euo pipefail

DURATION=${SOAK_DURATION:-30m}
SAMPLE=${SOAK_SAMPLE:-10}
ENTRIES=${SOAK_ENTRIES:-2000}
CONNECTIONS=${SOAK_CONNECTIONS:-32}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
[[ -n ${SOAK_JVM_OPTS+set} ]] && BENCH_JVM_OPTS=$SOAK_JVM_OPTS
say() { echo "$*" >&2; }
# shellcheck source=bench/deployment.sh
source "$HERE/deployment.sh"
ensure_deployment
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }

OUT=$HERE/results/soak-$(date -u +%Y-%m-%dT%H-%M-%SZ)
WORK=$(mktemp -d)
mkdir -p "$OUT"
export BENCH_LUA=$HERE/lua BENCH_IDS=$WORK/ids

PORT=
for p in $(seq 18500 18599); do
  if [[ -z $(ss -Htln "sport = :$p") ]]; then PORT=$p; break; fi
done
[[ -n $PORT ]] || { echo "no free port in 18500-18599" >&2; exit 1; }
URL=http://127.0.0.1:$PORT

PID=
SAMPLER=
cleanup() {
  [[ -n $SAMPLER ]] && kill "$SAMPLER" 2>/dev/null || true
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck disable=SC2086 # JVM_OPTS is a list of flags
(cd "$APP" && exec "$JAVA" $JVM_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Daddrservice.store.kind=file -Daddrservice.store.file.dir="$WORK/db" \
  -jar quarkus-run.jar) >"$OUT/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
  curl -fs "$URL/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { echo "the service exited; see $OUT/service.log" >&2; exit 1; }
  sleep 0.2
done

echo "loading $ENTRIES entries on port $PORT"
for i in $(seq 1 "$ENTRIES"); do
  printf '{"full_name": "Soak %d", "emails": [{"kind": "home", "email": "soak%d@example.org"}],'\
' "addresses": [{"kind": "home", "street_number": %d, "street_name": "Main", "pincode": "%05d",'\
' "country": "X"}]}' "$i" "$i" "$i" "$i"
  echo
done | while read -r body; do
  curl -fs -o /dev/null -D - -H 'Content-Type: application/json' -d "$body" "$URL/addresses" \
    | tr -d '\r' | sed -n 's#^[Ll]ocation: /addresses/##p'
done >"$BENCH_IDS"
[[ $(wc -l <"$BENCH_IDS") -eq $ENTRIES ]] || { echo "loading failed" >&2; exit 1; }

rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
summary() { grep '^BENCH ' "$1" | sed 's/^BENCH //'; }
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

echo "measuring the saturating rate (20 s, unpaced)"
wrk -t2 -c"$CONNECTIONS" -d20s -s "$HERE/lua/soak.lua" "$URL" >"$OUT/saturation.txt"
SAT=$(summary "$OUT/saturation.txt")
SAT_RPS=$(field "$SAT" rps)
TARGET=$(awk -v r="$SAT_RPS" 'BEGIN {printf "%d", r / 2}')
# Each connection pauses so that all of them together offer about TARGET requests a second.
DELAY=$(awk -v c="$CONNECTIONS" -v t="$TARGET" 'BEGIN {printf "%d", c * 1000 / t}')
echo "saturation: $SAT_RPS req/s; soaking at about $TARGET req/s for $DURATION"

start=$SECONDS
( while kill -0 "$PID" 2>/dev/null; do echo "$((SECONDS - start)),$(rss)"; sleep "$SAMPLE"; done ) \
  >"$OUT/rss.csv" &
SAMPLER=$!
SOAK_DELAY_MS=$DELAY wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s \
  -s "$HERE/lua/soak.lua" "$URL" >"$OUT/soak.txt" &
LOAD=$!
# The live heap by class, once warm (a minute into the soak) and at the end, both after a full GC.
# The 50 largest classes and the total are kept.
histogram() {
  "$(dirname "$JAVA")/jcmd" "$PID" GC.class_histogram 2>&1 | awk 'NR <= 53 || /^Total/' >"$OUT/heap-$1.txt" || true
}
live() { awk '/^Total/ {printf "%d instances, %d kB", $2, $3 / 1024}' "$OUT/heap-$1.txt"; }
sleep 60 && histogram warm
wait "$LOAD"
histogram end
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=
SOAK=$(summary "$OUT/soak.txt")

errors=0
for e in errors_connect errors_read errors_write errors_status errors_timeout; do
  errors=$((errors + $(field "$SOAK" "$e")))
done
alive=yes
kill -0 "$PID" 2>/dev/null || alive=no
# RSS after warm-up: the first fifth of the samples is left out.
read -r n first10 last10 min max < <(awk -F, '{r[NR]=$2} END {
  s=int(NR/5)+1; k=int((NR-s+1)/10); if (k<1) k=1;
  a=0; for (i=s;i<s+k;i++) a+=r[i]; b=0; for (i=NR-k+1;i<=NR;i++) b+=r[i];
  mn=r[s]; mx=r[s]; for (i=s;i<=NR;i++) {if (r[i]<mn) mn=r[i]; if (r[i]>mx) mx=r[i]}
  printf "%d %d %d %d %d\n", NR, a/k, b/k, mn, mx}' "$OUT/rss.csv")
cat <<REPORT | tee "$OUT/summary.md"
| | |
|---|---|
| duration | $DURATION, $CONNECTIONS connections, 2 wrk threads |
| saturating rate (20 s unpaced) | $SAT_RPS req/s |
| soak rate (target $TARGET) | $(field "$SOAK" rps) req/s, $(field "$SOAK" requests) requests |
| latency p50 / p99 / max | $(field "$SOAK" p50_us) / $(field "$SOAK" p99_us) / $(field "$SOAK" max_us) µs |
| errors (connect, read, write, status, timeout) | $errors ($(field "$SOAK" errors_connect), $(field "$SOAK" errors_read), $(field "$SOAK" errors_write), $(field "$SOAK" errors_status), $(field "$SOAK" errors_timeout)) |
| RSS after warm-up, first / last tenth (mean) | $first10 kB / $last10 kB |
| RSS after warm-up, min / max | $min kB / $max kB ($n samples every ${SAMPLE} s) |
| live heap after a full GC, warm / end | $(live warm) / $(live end) |
| the service | \`${APP#"$ROOT"/}/quarkus-run.jar\` on $("$JAVA" -version 2>&1 | head -1): $JVM_OPTS, MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset} |
| service still up | $alive |
REPORT
# One canonical line per request makes the full log hundreds of MB: keep its end.
tail -n 200 "$OUT/service.log" >"$OUT/service-tail.log" && rm "$OUT/service.log"
echo "raw output: $OUT"

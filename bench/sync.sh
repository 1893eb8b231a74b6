#!/usr/bin/env bash
# The change feed (issue 17's goals), on the default file store:
#  1. an incremental sync of 100 changes from a book of BENCH_ENTRIES entries (default 100,000):
#     the book is imported, a client takes the token after a full sync, 100 entries are updated,
#     and wrk (BENCH_CONNECTIONS connections, default 4) repeats
#     GET /addresses/changes?since=<token>&limit=100 (each answer: those 100 changes) for
#     BENCH_DURATION (default 10s) after a warm-up of the same length; the goal is p99 <= 10 ms;
#  2. BENCH_STREAMS change streams (default 1,000) open at once: the service's RSS before and after
#     they open (goal: <= 50 MB for 1,000), then BENCH_WRITES updates one after another, each to
#     reach every stream, timed from the write's acknowledgement to the event at each client
#     (bench/StreamFanout.java; goal: p99 <= 50 ms). BENCH_WARMUP more writes (default 20) go
#     first, measured the same way and reported apart (warmup_*): the first writes after the
#     streams open run while the JIT compiles the stream path, and are slower than the rest.
# Streams are connections: the service runs with quarkus.http.limits.max-connections raised to
# BENCH_STREAMS + 100 (the default, 1000, would refuse the writer's connection at 1,000 streams).
#
# Needs wrk; runs the deployment bench/run.sh measures (bench/deployment.sh, built if missing). Only 127.0.0.1:BENCH_PORT (default
# 18481) is used; the service started here is stopped on exit, and every request and run is bounded
# in time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENTRIES=${BENCH_ENTRIES:-100000}
STREAMS=${BENCH_STREAMS:-1000}
WRITES=${BENCH_WRITES:-200}
WARMUP=${BENCH_WARMUP:-20}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-4}
PORT=${BENCH_PORT:-18481}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d)
SERVICE_PID=
cleanup() {
  if [[ -n "$SERVICE_PID" ]]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk > /dev/null || { echo "wrk is missing (bench/run.sh installs it)" >&2; exit 1; }
say() { echo "$*" >&2; }
# The deployment bench/run.sh measures, with its flags unless BENCH_JAVA or BENCH_JVM_OPTS say.
# shellcheck source=bench/deployment.sh
source "$ROOT/bench/deployment.sh"
ensure_deployment
echo "${APP#"$ROOT"/}/quarkus-run.jar on $("$JAVA" -version 2>&1 | head -1); $JVM_OPTS"
# shellcheck disable=SC2086 # the flags are words on purpose
(cd "$APP" && exec "$JAVA" $JVM_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$PORT \
  -Dquarkus.http.limits.max-connections=$((STREAMS + 100)) \
  -Daddrservice.store.file.dir="$WORK/db" -jar quarkus-run.jar) > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 150); do
  curl -sf -o /dev/null "$BASE/q/health/ready" && break
  sleep 0.2
done

python3 - "$ENTRIES" > "$WORK/book.ndjson" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"full_name": "Number %d Person" % i,
                      "phone_numbers": [{"kind": "home", "country_code": 91, "area_code": 11, "local_number": 20000000 + i}],
                      "emails": [{"kind": "work", "email": "person%d@example.com" % i}]}))
PY
curl -s --max-time 600 -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$WORK/book.ndjson" \
  "$BASE/addresses/import" | python3 -c "import json,sys; r=json.load(sys.stdin); print('book: created', r['created'], 'failed', len(r['failed']))"

# A client's full sync, then 100 changes after its token.
TOKEN=$(python3 - "$BASE" <<'PY'
import json, sys, urllib.request
base, url = sys.argv[1], "/addresses/changes?limit=1000"
while True:
    with urllib.request.urlopen(base + url, timeout=60) as page:
        body = json.load(page)
        link = page.headers.get("Link")
    if not link:
        print(body["next"]); break
    url = link[1:link.index(">")]
PY
)
curl -s --max-time 60 "$BASE/addresses?limit=100" | python3 -c "import json,sys; print('\n'.join(json.load(sys.stdin)))" > "$WORK/ids"
while read -r id; do
  curl -s --max-time 10 -o /dev/null -X PUT -H 'Content-Type: application/json' \
    -d '{"full_name": "Changed"}' "$BASE/addresses/$id"
done < "$WORK/ids"
URL="$BASE/addresses/changes?since=$TOKEN&limit=100"
echo "incremental sync answer: $(curl -s --max-time 10 "$URL" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['changes']))") changes"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 5s "$URL" > /dev/null
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency "$URL" > "$WORK/wrk.txt"
P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
RPS=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")
echo "incremental sync of 100 changes from $ENTRIES entries: $RPS requests/s, p99 $P99 (wrk -t2 -c$CONNECTIONS -d$DURATION)"

# The streams.
timeout 300 java "$ROOT/bench/StreamFanout.java" "$BASE" "$SERVICE_PID" "$STREAMS" "$WRITES" "$WARMUP"

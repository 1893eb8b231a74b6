#!/usr/bin/env bash
# Import and export of a whole book (issue 18's goals): BENCH_CARDS vCards (default 100,000) are
# imported with one POST /addresses/import into the durable file store, with the service's RSS
# read before and after; the book is then exported as vCards and as NDJSON, each timed; and the
# export is imported again, which must change nothing. Prints cards/s and the RSS growth.
#
# Runs the deployment that bench/run.sh measures (bench/deployment.sh: the AOT jar and its cache
# with a JDK 25 or later, else the fast-jar; built if missing or older than the sources), with its
# JVM flags and environment; BENCH_JAVA and BENCH_JVM_OPTS override the java and the flags. Only
# 127.0.0.1:$BENCH_PORT (18480) is used; the service started here is stopped on exit, and every
# request is bounded by curl's --max-time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CARDS=${BENCH_CARDS:-100000}
PORT=${BENCH_PORT:-18480}
WORK=$(mktemp -d)
SERVICE_PID=
cleanup() {
  if [[ -n "$SERVICE_PID" ]]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

say() { echo "$*" >&2; }
# shellcheck source=bench/deployment.sh
source "$ROOT/bench/deployment.sh"
ensure_deployment

python3 - "$CARDS" > "$WORK/book.vcf" <<'PY'
import sys
for i in range(int(sys.argv[1])):
    sys.stdout.write(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Person;Number %d;;;\r\nFN:Number %d Person\r\n"
        "TEL;TYPE=HOME,VOICE:+91 11 %08d\r\nTEL;TYPE=WORK,FAX:+91 22 %08d\r\n"
        "EMAIL;TYPE=INTERNET,WORK:person%d@example.com\r\n"
        "ADR;TYPE=HOME:;Block %d;%d MG Road;New Delhi;Delhi;110001;India\r\n"
        "NOTE:Imported from a phone\r\nEND:VCARD\r\n" % (i, i, i, i, i, i % 50, i % 900))
PY
echo "$CARDS cards, $(du -h "$WORK/book.vcf" | cut -f1)"

echo "${APP#"$ROOT"/}/quarkus-run.jar on $("$JAVA" -version 2>&1 | head -1); $JVM_OPTS; MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}"
# shellcheck disable=SC2086 # the flags are words on purpose
(cd "$APP" && exec "$JAVA" $JVM_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$PORT \
  -Daddrservice.store.file.dir="$WORK/db" -jar quarkus-run.jar) > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break
  sleep 0.2
done
if archive_refused "$WORK/service.log"; then
  echo "the JVM refused the class archive in $APP" >&2
  exit 1
fi
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$SERVICE_PID/status"; }
seconds() { date +%s.%N; }

before=$(rss)
peak=$before
( while kill -0 "$SERVICE_PID" 2>/dev/null; do rss >> "$WORK/rss"; sleep 0.2; done ) &
WATCH=$!
start=$(seconds)
curl -s --max-time 600 -o "$WORK/report.json" -X POST -H 'Content-Type: text/vcard' \
  --data-binary @"$WORK/book.vcf" "http://127.0.0.1:$PORT/addresses/import"
end=$(seconds)
kill $WATCH 2>/dev/null || true
peak=$(sort -n "$WORK/rss" | tail -1)
python3 -c "import json,sys; r=json.load(open('$WORK/report.json')); print('import report: created', r['created'], 'updated', r['updated'], 'unchanged', r['unchanged'], 'failed', len(r['failed']))"
echo "import: $(python3 -c "print(round($CARDS / ($end - $start)))") cards/s ($(python3 -c "print(round($end - $start, 2))") s); RSS $before MB before, peak $peak MB (growth $((peak - before)) MB)"

for type in text/vcard application/x-ndjson; do
  start=$(seconds)
  curl -s --max-time 600 -H "Accept: $type" -o "$WORK/export" "http://127.0.0.1:$PORT/addresses/export"
  end=$(seconds)
  echo "export $type: $(python3 -c "print(round($CARDS / ($end - $start)))") cards/s ($(du -h "$WORK/export" | cut -f1))"
done

start=$(seconds)
curl -s --max-time 600 -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$WORK/export" \
  "http://127.0.0.1:$PORT/addresses/import" | python3 -c "import json,sys; r=json.load(sys.stdin); print('re-import of the NDJSON export: created', r['created'], 'updated', r['updated'], 'unchanged', r['unchanged'], 'failed', len(r['failed']))"
end=$(seconds)
echo "re-import: $(python3 -c "print(round($CARDS / ($end - $start)))") items/s"

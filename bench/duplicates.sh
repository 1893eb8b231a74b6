#!/usr/bin/env bash
# Duplicates and merges on a large book: `bench/duplicates.sh` (issue 19's goals).
#
# Starts the deployment bench/run.sh measures (bench/deployment.sh, built if missing, with its JVM
# flags unless BENCH_JAVA or BENCH_JVM_OPTS say) on a file store in a scratch
# directory, imports BENCH_ENTRIES entries (default 100000) of which 1 % are planted duplicates
# (every hundredth entry repeats the one before it: the name in capitals, or the e-mail in
# capitals), checks that GET /addresses/duplicates finds exactly those pairs, then measures with
# wrk, every run bounded by BENCH_DURATION (default 10s):
#   - the first page of duplicates (limit=100), after the index was built by one request;
#   - PUT of random entries alone; then what merges add to a write's p99: the same PUT load
#     beside one more connection, paced, of PUTs (the baseline) and then of merges of the
#     planted pairs (wrk's delay(); see BENCH_PACE_MS and BENCH_ROUNDS below).
# Only 127.0.0.1 is used. Everything started here is stopped on exit. Figures go to stdout; the
# raw wrk outputs stay in the scratch directory with BENCH_KEEP=1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
ENTRIES=${BENCH_ENTRIES:-100000}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PACE=${BENCH_PACE_MS:-80}
ROUNDS=${BENCH_ROUNDS:-8}
# Only the merges' side connection is paced (common.lua reads BENCH_PACE_MS); every other run is not.
unset BENCH_PACE_MS
SCRATCH=$(mktemp -d)
PIDS=()
say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ ${BENCH_KEEP:-0} == 1 ]] && say "kept $SCRATCH" || rm -rf "$SCRATCH"
}
trap cleanup EXIT

# shellcheck source=bench/deployment.sh
source "$BENCH/deployment.sh"
ensure_deployment
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
# shellcheck disable=SC2086 # the flags are words on purpose
(cd "$APP" && exec "$JAVA" $JVM_OPTS -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
  -Daddrservice.store.kind=file -Daddrservice.store.file.dir="$SCRATCH/data" \
  -Dquarkus.log.category.\"addrservice.access\".level=WARN \
  -jar quarkus-run.jar) >"$SCRATCH/service.log" 2>&1 &
PIDS+=($!)
for ((i = 0; i < 600; i++)); do
  curl -sf --max-time 2 "$BASE/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done

say "importing $ENTRIES entries, 1 % planted duplicates"
python3 - "$ENTRIES" "$SCRATCH" <<'PY'
import json, sys
entries, scratch = int(sys.argv[1]), sys.argv[2]
first = ["Aarav", "Ananya", "Bill", "Chen", "Dagný", "Émile", "Fatima", "Gustavo", "Hana", "Ines",
         "José", "Kwame", "Léa", "Mei", "Nikolai", "Olu", "Priya", "Quinn", "Rosa", "Søren"]
syllables = ["ka", "lo", "mi", "nu", "re", "sa", "ti", "vo", "ze", "du"]
def person(n):
    # A surname of two-letter syllables, one per digit of n: unique, and no two run together.
    name = first[n % len(first)] + " " + "".join(syllables[int(d)] for d in str(n)).capitalize()
    return {"full_name": name,
            "phone_numbers": [{"kind": "home", "country_code": 1 + n % 90, "area_code": 100 + n % 900,
                               "local_number": 2000000 + n}],
            "emails": [{"kind": "home", "email": "person%d@example.org" % n}]}
chunk, lines = 0, []
for n in range(entries):
    entry = person(n)
    if n % 100 == 99:
        twin = person(n - 1)
        if n % 200 == 99:
            entry["full_name"] = twin["full_name"].upper()
        else:
            entry["emails"] = [{"kind": "work", "email": twin["emails"][0]["email"].upper()}]
    lines.append(json.dumps(entry, ensure_ascii=False))
    if len(lines) == 20000 or n == entries - 1:
        with open("%s/import-%d.ndjson" % (scratch, chunk), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        chunk, lines = chunk + 1, []
PY
for file in "$SCRATCH"/import-*.ndjson; do
  curl -sf --max-time 300 -H 'Content-Type: application/x-ndjson' --data-binary @"$file" \
    "$BASE/addresses/import" | python3 -c 'import json, sys; r = json.load(sys.stdin); assert not r["failed"], r'
done

say "building the index with the first request"
FIRST_MS=$(curl -sf --max-time 120 -o /dev/null -w '%{time_total}' "$BASE/addresses/duplicates?limit=100" |
  awk '{ printf "%d", $1 * 1000 }')
# Every group, a page at a time: exactly the planted pairs.
python3 - "$BASE" "$ENTRIES" "$SCRATCH/pairs.txt" <<'PY'
import json, sys, urllib.request
base, entries, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
groups, after = [], ""
while True:
    page = urllib.request.urlopen(base + "/addresses/duplicates?limit=1000" + after)
    got = json.load(page)["groups"]
    groups += got
    if "Link" not in page.headers:
        break
    after = "&after=" + got[-1]["ids"][0]
assert len(groups) == entries // 100 and all(len(g["ids"]) == 2 for g in groups), len(groups)
with open(out, "w") as f:
    f.writelines(" ".join(g["ids"]) + "\n" for g in groups)
PY
say "found the $((ENTRIES / 100)) planted pairs; first request ${FIRST_MS} ms"

# The ids, for PUT of random entries.
export BENCH_LUA="$BENCH/lua" BENCH_IDS="$SCRATCH/ids.txt"
: >"$BENCH_IDS"
after=""
while :; do
  page=$(curl -sf --max-time 10 "$BASE/addresses?limit=1000${after:+&after=$after}")
  grep -oE '"[0-9a-f]{32}":\{' <<<"$page" | cut -c2-33 >"$SCRATCH/page.txt" || true
  [[ -s $SCRATCH/page.txt ]] || break
  cat "$SCRATCH/page.txt" >>"$BENCH_IDS"
  after=$(tail -1 "$SCRATCH/page.txt")
done

run() { # name, script, url: prints the p99 in ms and keeps wrk's output
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH/lua/$2" "$3" >"$SCRATCH/wrk-$1.txt" 2>&1
  local line
  line=$(grep '^BENCH ' "$SCRATCH/wrk-$1.txt")
  sed -n 's/.* p99_us=\([0-9]*\).*/\1/p' <<<"$line" | awk '{ printf "%.2f", $1 / 1000 }'
  printf ' %s' "$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$line")"
}

say "measuring"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$BENCH/lua/duplicates.lua" "$BASE/addresses" >/dev/null 2>&1
read -r DUP_P99 DUP_RPS <<<"$(run duplicates duplicates.lua "$BASE/addresses")"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$BENCH/lua/put.lua" "$BASE/addresses" >/dev/null 2>&1
read -r PUT_P99 PUT_RPS <<<"$(run put put.lua "$BASE/addresses")"
# What merges add to a write's p99: the same PUT load with a 17th connection beside it, paced
# at one request every BENCH_PACE_MS (default 80), of PUTs (the baseline) and of merges of the
# planted pairs (bench/lua/merge.lua), in turn. BENCH_ROUNDS rounds (default 8), each pair merged
# once: the rounds take the pairs in turn (1,000 pairs: at most 125 merges in each of 8 rounds,
# which the 80 ms pace spends in 10 s). One round's p99 moves by tens of per cent with the disk's
# flushes: the more rounds, the steadier their median.
split -n "l/$ROUNDS" -d "$SCRATCH/pairs.txt" "$SCRATCH/pairs-"
side() { # name, script: the side connection's BENCH line, run beside the PUT load
  BENCH_PACE_MS=$PACE BENCH_PAIRS=$SIDE_PAIRS timeout 60 wrk -t1 -c1 -d"$DURATION" --latency \
    -s "$BENCH/lua/$2" "$BASE/addresses" >"$SCRATCH/wrk-$1.txt" 2>&1
}
ROWS=""
RATIOS=""
for ((round = 0; round < ROUNDS; round++)); do
  SIDE_PAIRS=$(printf '%s/pairs-%02d' "$SCRATCH" "$round")
  # The two runs of a round in turn: baseline first in even rounds, merges first in odd ones, so
  # that a drift of the machine over the rounds (the JIT, the log's growth, other processes)
  # weighs on both alike.
  for kind in $( ((round % 2 == 0)) && echo "puts merges" || echo "merges puts"); do
    if [[ $kind == puts ]]; then
      side "side-put-$round" put.lua &
      SIDE=$!
      read -r BASE_P99 BASE_RPS <<<"$(run "put-beside-puts-$round" put.lua "$BASE/addresses")"
    else
      side "side-merge-$round" merge.lua &
      SIDE=$!
      read -r MIXED_P99 MIXED_RPS <<<"$(run "put-beside-merges-$round" put.lua "$BASE/addresses")"
    fi
    wait "$SIDE"
  done
  MERGES=$(sed -n 's/^BENCH requests=\([0-9]*\).*/\1/p' "$SCRATCH/wrk-side-merge-$round.txt")
  MERGE_P99=$(sed -n 's/.* p99_us=\([0-9]*\).*/\1/p' "$SCRATCH/wrk-side-merge-$round.txt" | awk '{ printf "%.2f", $1 / 1000 }')
  MERGE_FAILED=$(sed -n 's/.* errors_status=\([0-9]*\).*/\1/p' "$SCRATCH/wrk-side-merge-$round.txt")
  ROWS+="| round $((round + 1)): PUT beside one connection of PUTs (every $PACE ms) | $BASE_P99 | $BASE_RPS |"$'\n'
  ROWS+="| round $((round + 1)): PUT beside one connection of merges (every $PACE ms; $MERGES merges, p99 $MERGE_P99 ms, $MERGE_FAILED not 2xx) | $MIXED_P99 | $MIXED_RPS |"$'\n'
  RATIO=$(awk -v m="$MIXED_P99" -v b="$BASE_P99" 'BEGIN { printf "%.1f", (m / b - 1) * 100 }')
  RATIOS+=" $RATIO"
  ROWS+="| round $((round + 1)): merges add to the PUT p99 | $RATIO % | |"$'\n'
done
# One round's p99 moves with the disk's flushes and the machine: the median over the rounds is
# the figure (the mean is shown too).
ROWS+="| merges add to the PUT p99, median of $ROUNDS rounds (mean) | $(tr ' ' '\n' <<<"$RATIOS" | grep . | sort -g | awk '{ v[NR] = $1; s += $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%+.1f %% (%+.1f %%)", m, s / NR }') | |"$'\n'

cat <<REPORT
| measure ($ENTRIES entries, 1 % duplicates, file store, $CONNECTIONS connections, $DURATION) | p99 ms | req/s |
|---|---|---|
| first request for the book (builds the index) | $FIRST_MS (one request) | |
| GET /addresses/duplicates?limit=100 | $DUP_P99 | $DUP_RPS |
| PUT of random entries | $PUT_P99 | $PUT_RPS |
${ROWS%$'\n'}
REPORT

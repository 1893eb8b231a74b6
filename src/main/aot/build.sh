#!/usr/bin/env bash
# Builds the fast-starting JVM deployment: the jar in Quarkus's aot-jar layout in
# target/quarkus-aot/, plus app.aot, the JDK's ahead-of-time cache (JEP 483, 514, 515) of the
# classes it loads and links and of the method profiles it gathers, written by a training run of
# that jar. The cache needs a JDK 25 or later at build and at run time, the same JDK build both
# times. Run it with:
#
#   cd target/quarkus-aot && "$(cat aot-java.txt)" -XX:+UseSerialGC -Xms48m -Xmn32m \
#     -XX:+UseTransparentHugePages -XX:AOTCache=app.aot -jar quarkus-run.jar
#
# Usage: src/main/aot/build.sh              package with ./mvnw, then train
#        src/main/aot/build.sh --train DIR   train DIR/quarkus-run.jar only (the container build)
#        src/main/aot/build.sh --find-java   print the java it would train with
#        src/main/aot/build.sh --java-major JAVA   print that java's major version
#        src/main/aot/build.sh --jvm-opts    print the deployment's JVM flags (below), which the
#                                            benchmarks and .ci/run start the service with
# Environment:
#   AOT_JAVA   the java to train with (default: the first JDK 25+ among $JAVA_HOME, java on the
#              PATH and /usr/lib/jvm/*)
#   AOT_JVM_OPTS  the JVM flags to train with (default: the deployment's, below); the cache is
#              valid only with the same collector, so train with the flags the service runs with
#   AOT_JAR    the jar as the service's command line names it (default quarkus-run.jar, from the
#              layout's directory): the JVM refuses the cache when -jar names it otherwise
#   AOT_ROUNDS how many times the training goes through the endpoints (default 150, about 15 s)
#
# The training run uses a scratch file store and a random port on 127.0.0.1, drives every
# endpoint with curl (success and error paths, gzip both ways, paging and search, vCard,
# JSContact and merge patches, import and export, the change feed, duplicates and merges, the /q/
# endpoints), then stops the service; the JVM writes the cache as it exits.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
# The deployment's JVM flags (docs/deployment.md says why each): the README's command and
# Dockerfile.jvm's JAVA_OPTS_APPEND and GC_CONTAINER_OPTIONS carry the same (DeploymentFlagsTest).
DEPLOYMENT_JVM_OPTS="-XX:+UseSerialGC -Xms48m -Xmn32m -XX:+UseTransparentHugePages"
JVM_OPTS=${AOT_JVM_OPTS:-$DEPLOYMENT_JVM_OPTS}
ROUNDS=${AOT_ROUNDS:-150}

say() { printf 'aot: %s\n' "$*" >&2; }

# The major version of java $1 (17, 25, ...), or 0 when it does not run.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1 | grep . || echo 0
}

find_java() {
  local candidate
  for candidate in "${AOT_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
    /usr/lib/jvm/*/bin/java; do
    if [[ -n $candidate && -x $candidate ]] && (($(java_major "$candidate") >= 25)); then
      echo "$candidate"
      return
    fi
  done
  say "no JDK 25 or later found (set AOT_JAVA): the AOT cache needs one"
  return 1
}

# Waits up to 60 s for Quarkus's "Listening on" line in log $1 and prints its port; fails sooner
# if the training run has exited.
listening_port() {
  local i port
  for ((i = 0; i < 600; i++)); do
    kill -0 "$TRAINING_PID" 2>/dev/null || return 1
    port=$(sed -n 's|.*Listening on: http://[^:]*:\([0-9]*\).*|\1|p' "$1" | head -1)
    if [[ -n $port ]]; then
      echo "$port"
      return
    fi
    sleep 0.1
  done
  return 1
}

# One round of requests against $1 (base URL): every endpoint, its answers and its errors.
exercise() {
  local base=$1 entry id
  entry='{"full_name":"Zoë Ødegaard","addresses":[{"kind":"home","building_name":"Sea View",'
  entry+='"unit_number":12,"street_number":"4B","street_name":"Strandvejen","locality":"Hellerup",'
  entry+='"city":"København","province":"Hovedstaden","pincode":2900,"country":"Denmark"}],'
  entry+='"phone_numbers":[{"kind":"home","country_code":45,"local_number":20304050}],'
  entry+='"fax_numbers":[],"emails":[{"kind":"work","email":"zoe@example.com"}]}'
  id=$(created "$base" "$entry" "application/json") || return 1
  # One curl, one connection: each request after --next has its own method, headers and body.
  curl -sS -o /dev/null "$base/addresses/$id" \
    --next -sS -o /dev/null -H 'Accept-Encoding: gzip' "$base/addresses/$id" \
    --next -sS -o /dev/null -H 'If-None-Match: "1"' "$base/addresses/$id" \
    --next -sS -o /dev/null -X PUT -H 'If-Match: "1"' -d "$entry" "$base/addresses/$id" \
    --next -sS -o /dev/null -X PUT -H 'If-Match: "1"' -d "$entry" "$base/addresses/$id" \
    --next -sS -o /dev/null "$base/addresses?limit=10" \
    --next -sS -o /dev/null -H 'Accept-Encoding: gzip' "$base/addresses?limit=100&q=zo" \
    --next -sS -o /dev/null "$base/addresses/?after=$id" \
    --next -sS -o /dev/null "$base/addresses?limit=0" \
    --next -sS -o /dev/null -d '{"full_name":' "$base/addresses" \
    --next -sS -o /dev/null -d '{"full_name":"X","emails":[{"kind":"work","email":"no"}]}' \
    "$base/addresses" \
    --next -sS -o /dev/null -H 'Content-Type: image/png' -d '{}' "$base/addresses" \
    --next -sS -o /dev/null -X PATCH "$base/addresses/$id" \
    --next -sS -o /dev/null "$base/elsewhere" \
    --next -sS -o /dev/null -X DELETE -H 'If-Match: "2"' "$base/addresses/$id" \
    --next -sS -o /dev/null "$base/addresses/$id" || return 1
  if command -v gzip >/dev/null; then
    printf "%s" "$entry" | gzip | curl -sS -o /dev/null -H "Content-Encoding: gzip" \
      --data-binary @- "$base/addresses" || return 1
  fi
  exercise_interchange "$base" "$entry"
}

# The id in the Location of POST /addresses of $2 (content type $3) against $1.
created() {
  local id
  # The headers through -D rather than -w '%header{...}', which curl only has since 7.84 (RHEL 9,
  # the container image's base, ships 7.76).
  id=$(curl -sS -o /dev/null -D - -H "Content-Type: $3" --data-binary "$2" "$1/addresses" \
    | tr -d '\r' | sed -n 's|^[Ll]ocation: .*/||p')
  if [[ -z $id ]]; then
    say "POST /addresses ($3) gave no Location: the training run does not serve"
    return 1
  fi
  echo "$id"
}

# The other representations, the change feed, imports, exports, duplicates and merges against $1
# with the JSON entry $2; every entry made is removed again, so the book stays small.
exercise_interchange() {
  local base=$1 entry=$2 card jscontact ndjson id other uid
  card=$'BEGIN:VCARD\r\nVERSION:3.0\r\nN:\xc3\x98degaard;Zo\xc3\xab;;;\r\nFN:Zo\xc3\xab \xc3\x98deg'
  card+=$'aard\r\nTEL;TYPE=HOME,VOICE:+45 20 30 40 50\r\nTEL;TYPE=WORK,FAX:+45 20 30 40 51\r\n'
  card+=$'EMAIL;TYPE=INTERNET,WORK:zoe@example.com\r\nADR;TYPE=HOME:;Sea View;4B Strandvejen;\r\n'
  card+=$' Hellerup;Hovedstaden;2900;Denmark\r\nNOTE:from a phone\r\nEND:VCARD\r\n'
  jscontact='{"@type":"Card","version":"1.0","name":{"@type":"Name","full":"Zoë Ødegaard"},'
  jscontact+='"emails":{"e1":{"@type":"EmailAddress","address":"zoe@example.com",'
  jscontact+='"contexts":{"work":true}}}}'
  id=$(created "$base" "$card" "text/vcard") || return 1
  other=$(created "$base" "$entry" "application/json") || return 1
  ndjson='{"id":"'$id'","version":1,"entry":'$entry$'}\n'
  # The card again, its UID naming the entry: an import updates it.
  uid="UID:urn:uuid:${id:0:8}-${id:8:4}-${id:12:4}-${id:16:4}-${id:20:12}"$'\r\n'
  uid=${card/$'VERSION:3.0\r\n'/$'VERSION:3.0\r\n'$uid}
  curl -sS -o /dev/null -H 'Accept: text/vcard' "$base/addresses/$id" \
    --next -sS -o /dev/null -H 'Accept: text/vcard;version=3.0' "$base/addresses/$id" \
    --next -sS -o /dev/null -H 'Accept: application/jscontact+json' "$base/addresses/$id" \
    --next -sS -o /dev/null -X PUT -H 'Content-Type: application/jscontact+json' \
    --data-binary "$jscontact" "$base/addresses/$id" \
    --next -sS -o /dev/null -X PUT -H 'Content-Type: text/vcard' --data-binary "$card" \
    "$base/addresses/$id" \
    --next -sS -o /dev/null -X PATCH -H 'Content-Type: application/merge-patch+json' \
    -d '{"full_name":"Zoë Ø.","fax_numbers":null}' "$base/addresses/$id" \
    --next -sS -o /dev/null -X PATCH -H 'Content-Type: application/merge-patch+json' \
    -d '{"emails":[{"kind":"work","email":"no"}]}' "$base/addresses/$id" \
    --next -sS -o /dev/null -X POST -H 'Content-Type: text/vcard' --data-binary "$uid$uid" \
    "$base/addresses/import" \
    --next -sS -o /dev/null -X POST -H 'Content-Type: application/x-ndjson' \
    --data-binary "$ndjson" "$base/addresses/import" \
    --next -sS -o /dev/null "$base/addresses/export" \
    --next -sS -o /dev/null -H 'Accept: text/vcard' "$base/addresses/export" \
    --next -sS -o /dev/null "$base/addresses/changes?limit=100" \
    --next -sS -o /dev/null "$base/addresses/duplicates?limit=10" \
    --next -sS -o /dev/null -H 'Content-Type: application/json' \
    -d '{"from":["'"$other"'"]}' "$base/addresses/$id/merge" \
    --next -sS -o /dev/null -X DELETE "$base/addresses/$id" || return 1
}

# The training run's process and scratch directory, for the exit trap.
TRAINING_PID=""
TRAINING_DIR=""
cleanup() {
  if [[ -n $TRAINING_PID ]]; then
    kill "$TRAINING_PID" 2>/dev/null || true
  fi
  if [[ -n $TRAINING_DIR ]]; then
    rm -rf "$TRAINING_DIR"
  fi
}
trap cleanup EXIT

# Says that the training run failed, with its log.
training_failed() {
  say "$1; the training run's log:"
  cat "$TRAINING_DIR/training.log" >&2
  return 1
}

train() {
  local app=$1 java port i
  java=$(find_java)
  say "training $app/quarkus-run.jar with $java ($("$java" -version 2>&1 | head -1))"
  TRAINING_DIR=$(mktemp -d /tmp/addrservice-aot.XXXXXX)
  rm -f "$app/app.aot"
  # Mode none whatever the environment says (the image sets jwt): the training drives the API
  # anonymously, from loopback, which protected mode serves.
  # shellcheck disable=SC2086 # the flags are words on purpose
  (cd "$app" && exec "$java" $JVM_OPTS -XX:AOTCacheOutput=app.aot \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 -Daddrservice.auth.mode=none \
    -Daddrservice.store.kind=file -Daddrservice.store.file.dir="$TRAINING_DIR/db" \
    -jar "${AOT_JAR:-quarkus-run.jar}") >"$TRAINING_DIR/training.log" 2>&1 &
  TRAINING_PID=$!
  port=$(listening_port "$TRAINING_DIR/training.log") || training_failed "it did not start"
  for ((i = 0; i < ROUNDS; i++)); do
    exercise "http://127.0.0.1:$port" || training_failed "a request failed"
  done
  curl -sS -o /dev/null "http://127.0.0.1:$port/q/health/ready" \
    -o /dev/null "http://127.0.0.1:$port/q/health/live" \
    -o /dev/null "http://127.0.0.1:$port/q/metrics" \
    -o /dev/null "http://127.0.0.1:$port/q/openapi" \
    -o /dev/null "http://127.0.0.1:$port/q/openapi?format=json" \
    -o /dev/null "http://127.0.0.1:$port/q/swagger-ui/" || training_failed "a request failed"
  # The JVM writes the cache as it exits, after Quarkus's shutdown.
  kill -TERM "$TRAINING_PID"
  wait "$TRAINING_PID" || true
  TRAINING_PID=""
  [[ -s $app/app.aot ]] || training_failed "no app.aot was written"
  echo "$java" >"$app/aot-java.txt"
  say "wrote $app/app.aot ($(du -m "$app/app.aot" | cut -f1) MB) for $java"
}

case ${1:-} in
  --train)
    train "$(cd "$2" && pwd)"
    ;;
  --find-java)
    find_java
    ;;
  --java-major)
    java_major "$2"
    ;;
  --jvm-opts)
    echo "$DEPLOYMENT_JVM_OPTS"
    ;;
  *)
    find_java >/dev/null
    say "packaging target/quarkus-aot (./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=aot-jar \
      -Dquarkus.package.output-directory=quarkus-aot)
    train "$ROOT/target/quarkus-aot"
    ;;
esac

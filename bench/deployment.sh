# shellcheck shell=bash
# The deployment the benchmarks measure, as the README describes it; sourced by bench/*.sh after
# they set ROOT (the repository) and define say(). With a JDK 25 or later: the aot-jar in
# target/quarkus-aot and its AOT cache (src/main/aot/build.sh), which the JVM accepts only from the
# same JDK build that wrote it. Without one: the fast-jar in target/quarkus-app and its application
# class-data archive (-Dquarkus.package.jar.appcds.enabled), which the JVM accepts only with the
# jar named as when it was written: relative, from $APP. Both with the deployment's JVM flags, which
# build.sh states (`build.sh --jvm-opts`), and MALLOC_ARENA_MAX=2 (docs/deployment.md).
#
# Sets JAVA (BENCH_JAVA overrides it), APP (the directory to start quarkus-run.jar from), JVM_OPTS
# (BENCH_JVM_OPTS overrides it) and exports MALLOC_ARENA_MAX; ensure_deployment builds what is
# missing or older than the sources.
AOT_BUILD="$ROOT/src/main/aot/build.sh"
if [[ -n ${BENCH_JAVA:-} ]]; then
  JAVA=$BENCH_JAVA
elif JAVA=$("$AOT_BUILD" --find-java 2>/dev/null); then
  :
else
  JAVA=java
fi
DEFAULT_JVM_OPTS=$("$AOT_BUILD" --jvm-opts)
if [[ $("$AOT_BUILD" --java-major "$JAVA") -ge 25 ]]; then
  APP="$ROOT/target/quarkus-aot"
  DEFAULT_JVM_OPTS+=" -XX:AOTCache=app.aot"
else
  APP="$ROOT/target/quarkus-app"
  DEFAULT_JVM_OPTS+=" -XX:SharedArchiveFile=app-cds.jsa"
fi
JVM_OPTS=${BENCH_JVM_OPTS-$DEFAULT_JVM_OPTS}
# Fewer glibc malloc arenas: the JVM's native allocations need no per-thread arenas here.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX-2}

# Builds the deployment when its archive is missing, or older than a source or one of its jars
# (the JVM refuses an archive older than its jars).
ensure_deployment() {
  local archive=app-cds.jsa
  [[ $APP == */quarkus-aot ]] && archive=app.aot
  if [[ -f $APP/$archive ]] && [[ $archive != app.aot || $(cat "$APP/aot-java.txt") == "$JAVA" ]] \
    && [[ -z $(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$APP/$archive" -print -quit) ]] \
    && [[ -z $(find "$APP" -name '*.jar' -newer "$APP/$archive" -print -quit) ]]; then
    return
  fi
  if [[ $archive == app.aot ]]; then
    say "building the jar and its AOT cache (src/main/aot/build.sh, with $JAVA)"
    AOT_JAVA=$JAVA "$AOT_BUILD" >&2
  else
    say "building the jar (./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true) >&2
  fi
}

# The JVM's warning or error, in log $1, that it refused the class archive (it then starts without
# it: not the deployment being measured).
archive_refused() {
  grep -E '^\[[0-9.]+s\]\[(warning|error) *\]\[(aot|cds)' "$1" >&2
}

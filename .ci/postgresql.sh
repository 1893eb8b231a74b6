# Sourced by .ci/run: a running PostgreSQL server for the postgresql store's tests, and a scratch
# database (with a role of its own) that belongs to one run only and is dropped after it.
# After pg_scratch_create: PG_TEST_URL, PG_TEST_USER and PG_TEST_PASSWORD describe it.

PG_HOST=127.0.0.1
PG_PORT=5432

# Root needs no sudo; anyone else needs it to install or start the server.
if [ "$(id -u)" -eq 0 ]; then
  PG_SUDO=()
  PG_AS_POSTGRES=(runuser -u postgres --)
else
  PG_SUDO=(sudo)
  PG_AS_POSTGRES=(sudo -u postgres)
fi

# psql as an administrator: over TCP as postgres where the server trusts that (as on the CI
# machine), else through the local socket as the postgres OS user (a fresh install's peer auth).
pg_admin() {
  if PGCONNECT_TIMEOUT=5 psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -X -w -q \
    -c 'SELECT 1' >/dev/null 2>&1; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -X -w -q -v ON_ERROR_STOP=1 "$@"
  else
    "${PG_AS_POSTGRES[@]}" psql -p "$PG_PORT" -d postgres -X -q -v ON_ERROR_STOP=1 "$@"
  fi
}

# Installs PostgreSQL when it is absent, starts the cluster when it is down, and waits until it
# accepts connections.
pg_ensure_running() {
  if ! command -v psql >/dev/null || ! command -v pg_ctlcluster >/dev/null \
    || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    echo "PostgreSQL is not installed: installing it with apt-get" >&2
    "${PG_SUDO[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${PG_SUDO[@]}" apt-get install -y postgresql
  fi
  if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    echo "PostgreSQL $version is down: starting its main cluster" >&2
    "${PG_SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  local waited=0
  until pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; do
    if [ "$waited" -ge 60 ]; then
      echo "PostgreSQL on $PG_HOST:$PG_PORT did not answer within 60 s" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# A database and a login role, both named for this run, so parallel runs never share data and
# nothing else on the server is touched. The password lets it work where the server wants one;
# it is random and dies with the role at the end of the run, so passing it to the tests on the
# command line exposes nothing lasting.
pg_scratch_create() {
  PG_TEST_DB="addrservice_ci_$(date +%Y%m%d%H%M%S)_$$"
  PG_TEST_USER="$PG_TEST_DB"
  PG_TEST_PASSWORD="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  PG_TEST_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_TEST_DB"
  pg_admin -c "CREATE ROLE $PG_TEST_USER LOGIN PASSWORD '$PG_TEST_PASSWORD'"
  pg_admin -c "CREATE DATABASE $PG_TEST_DB OWNER $PG_TEST_USER"
  echo "Scratch PostgreSQL database for this run: $PG_TEST_URL (user $PG_TEST_USER)" >&2
}

# Drops the scratch database (FORCE: a service instance killed by a test may hold a
# connection) and its role.
pg_scratch_drop() {
  if [ -n "${PG_TEST_DB:-}" ]; then
    pg_admin -c "DROP DATABASE IF EXISTS $PG_TEST_DB WITH (FORCE)" || true
    pg_admin -c "DROP ROLE IF EXISTS $PG_TEST_USER" || true
  fi
}

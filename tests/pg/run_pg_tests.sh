#!/usr/bin/env bash
# Runs a test binary against a throwaway PostgreSQL + PostGIS server:
# initdb in a temporary directory, a free TCP port on 127.0.0.1 (the unix
# socket inside the directory), CREATE EXTENSION postgis, the binary with
# SITREP_PG_URL set, then the server is stopped and the directory removed,
# whatever happens (trap).
#
#   tests/pg/run_pg_tests.sh build/tests/pg/pg_store_test [--gtest_filter=...]
#
# Exit code: the binary's; 77 (ctest's SKIP_RETURN_CODE) when the PostgreSQL
# server binaries or PostGIS are not installed. As root the server runs as the
# `postgres` user (initdb refuses root). SITREP_PG_BIN overrides the binaries'
# directory (default: the newest /usr/lib/postgresql/*/bin).
set -u
if [ $# -lt 1 ]; then
  echo "usage: $0 TEST_BINARY [ARGS...]" >&2
  exit 2
fi
bin=$1
shift

skip() {
  echo "SKIP: $*" >&2
  exit 77
}

pgbin=${SITREP_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_ctl" ] && [ -x "$pgbin/psql" ] ||
  skip "PostgreSQL server binaries not found (apt-get install postgresql; or set SITREP_PG_BIN)"
major=$(basename "$(dirname "$pgbin")")
[ -f "/usr/share/postgresql/$major/extension/postgis.control" ] ||
  skip "PostGIS is not installed for PostgreSQL $major (apt-get install postgresql-$major-postgis-3)"

# As root, the server runs as `postgres`.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || skip "running as root and there is no postgres user"
  as_pg=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-pg.XXXXXX")
chmod 755 "$dir"
[ ${#as_pg[@]} -gt 0 ] && chown postgres "$dir"
cleanup() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A watchdog in its own session stops the server and removes the directory if
# this script is killed with a signal it cannot trap (a ctest timeout's
# SIGKILL). Its output goes nowhere, so it never holds ctest's pipes open.
if command -v setsid >/dev/null 2>&1; then
  setsid sh -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done
    [ -f "$2/data/postmaster.pid" ] && '"${as_pg[*]}"' "$3/pg_ctl" -D "$2/data" -m immediate -w stop
    rm -rf "$2"' watchdog "$$" "$dir" "$pgbin" </dev/null >/dev/null 2>&1 &
fi

locale=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || locale=C
if ! "${as_pg[@]}" "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
  --locale="$locale" --no-sync >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  echo "initdb failed" >&2
  exit 1
fi

# A free port: nothing answers on it, and the server could bind it.
port=
for attempt in 1 2 3 4 5 6 7 8; do
  p=$((20000 + RANDOM % 30000))
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
  if "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $p -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=30" \
    start >/dev/null 2>&1; then
    port=$p
    break
  fi
done
if [ -z "$port" ]; then
  cat "$dir/server.log" >&2 2>/dev/null
  echo "could not start PostgreSQL" >&2
  exit 1
fi

psql=("$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres)
"${psql[@]}" -d postgres -c "CREATE DATABASE sitrep_test" >/dev/null || exit 1
"${psql[@]}" -d sitrep_test -c "CREATE EXTENSION postgis" >/dev/null 2>"$dir/postgis.err" ||
  skip "CREATE EXTENSION postgis failed: $(cat "$dir/postgis.err")"

echo "PostgreSQL $major + PostGIS on 127.0.0.1:$port ($dir)" >&2
SITREP_PG_URL="postgresql://postgres@127.0.0.1:$port/sitrep_test" "$bin" "$@"
rc=$?
if [ $rc -ne 0 ]; then
  echo "--- server log (last 30 lines) ---" >&2
  tail -n 30 "$dir/server.log" >&2
fi
exit $rc

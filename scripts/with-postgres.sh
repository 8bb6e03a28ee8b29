#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb in a temporary directory, a free port on 127.0.0.1, no
# fsync (nothing in it outlives the command). The command sees its admin URL in C42EMU_PG_CLUSTER; tests make their
# own databases in it. With --emulators it is also in C42EMU_TEST_PG, which puts every test emulator on PostgreSQL.
# As root the server runs as the `postgres` user, since initdb refuses root.
#   scripts/with-postgres.sh npm test               # the suite on SQLite; the PostgreSQL-only tests on the cluster
#   scripts/with-postgres.sh --emulators npm test   # the whole suite on PostgreSQL
set -euo pipefail
EMULATORS=
if [ "${1:-}" = "--emulators" ]; then EMULATORS=1; shift; fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ]; then
  echo "with-postgres: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 2
fi
DIR=$(mktemp -d /tmp/c42emu-pg.XXXXXX)
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
RUN=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; RUN=(runuser -u postgres --); fi
stop() {
  "${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT
"${RUN[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
# max_connections: every test emulator holds a small pool, and Jest runs several files at once.
"${RUN[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null
export C42EMU_PG_CLUSTER="postgres://postgres@127.0.0.1:$PORT/postgres"
if [ -n "$EMULATORS" ]; then export C42EMU_TEST_PG="$C42EMU_PG_CLUSTER"; fi
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PORT ($DIR)" >&2
"$@"

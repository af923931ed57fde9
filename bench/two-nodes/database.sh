#!/usr/bin/env bash
# A fresh PostgreSQL cluster with the server's default settings (synchronous commit on) and room for two nodes.
set -euo pipefail
source "$(dirname "$0")/env.sh"
as_postgres() { if [[ "$(id -u)" == 0 ]]; then su postgres -c "$1"; else bash -c "$1"; fi; }
as_postgres "$PGBIN/pg_ctl -D $WORK/pgdata stop -m immediate" >/dev/null 2>&1 || true
rm -rf "$WORK/pgdata" && mkdir -p "$WORK/pgdata"
[[ "$(id -u)" == 0 ]] && chown postgres "$WORK" "$WORK/pgdata"
as_postgres "$PGBIN/initdb -D $WORK/pgdata -A trust -U postgres" >/dev/null
as_postgres "$PGBIN/pg_ctl -D $WORK/pgdata -l $WORK/pgdata/server.log -o '-p $PGPORT -c max_connections=200' -w start" >/dev/null
"$PGBIN/psql" -h localhost -p "$PGPORT" -U postgres -qc "create database touchpoint"
echo "PostgreSQL on port $PGPORT"

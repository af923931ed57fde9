#!/usr/bin/env bash
# Stops what the rehearsal started: the nodes, the Twilio stand-in and PostgreSQL.
source "$(dirname "$0")/env.sh"
pids=()
for pid in "$WORK"/node-*.pid; do
  [[ -f $pid ]] && kill "$(cat "$pid")" 2>/dev/null && kill -CONT "$(cat "$pid")" && pids+=("$(cat "$pid")")
  rm -f "$pid"
done
# the database last: a node stopping without it waits on its pool (Camunda reports its metrics as it closes)
for pid in "${pids[@]}"; do for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done; done
pkill -f "wiremock.Run --port $WM_PORT"
stop="$PGBIN/pg_ctl -D $WORK/pgdata stop -m fast"
if [[ "$(id -u)" == 0 ]]; then su postgres -c "$stop"; else $stop; fi

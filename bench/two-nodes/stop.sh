#!/usr/bin/env bash
# Stops what the rehearsal started: the nodes, the Twilio stand-in and PostgreSQL.
source "$(dirname "$0")/env.sh"
for pid in "$WORK"/node-*.pid; do [[ -f $pid ]] && kill "$(cat "$pid")" 2>/dev/null && kill -CONT "$(cat "$pid")"; rm -f "$pid"; done
pkill -f "wiremock.Run --port $WM_PORT"
stop="$PGBIN/pg_ctl -D $WORK/pgdata stop -m fast"
if [[ "$(id -u)" == 0 ]]; then su postgres -c "$stop"; else $stop; fi

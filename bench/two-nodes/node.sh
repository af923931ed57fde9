#!/usr/bin/env bash
# node.sh NAME PORT [CLOCK]: the app jar as a production node (postgres profile) on the rehearsal's database and
# provider. CLOCK, e.g. +1h or -30s, sets the node's wall clock that far from the machine's (Debian package
# libfaketime; the monotonic clock stays true), as on a host whose time sync failed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
name=$1 port=$2 clock=${3:-}
skewed=()
if [[ -n $clock ]]; then
  # preloaded, not through the faketime wrapper, so that the pid recorded below is the JVM's; a JVM under
  # libfaketime spins on its timed waits unless the monotonic clock is left alone
  skewed=(env LD_PRELOAD="${FAKETIME_LIB:-/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1}" FAKETIME="$clock"
    FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0)
fi
SPRING_PROFILES_ACTIVE=postgres PORT=$port \
TOUCHPOINT_DB_URL=jdbc:postgresql://localhost:$PGPORT/touchpoint TOUCHPOINT_DB_USER=postgres \
TOUCHPOINT_PUBLIC_BASE_URL=https://touchpoint.example TOUCHPOINT_TRACKING_SECRET=rehearsal-0123456789abcdef0123456789 \
TOUCHPOINT_ADMIN_USER=admin TOUCHPOINT_ADMIN_PASSWORD=admin-pass TOUCHPOINT_API_KEYS=bench-key \
TOUCHPOINT_TWILIO_ACCOUNT_SID=ACbench00000000000000000000000000 TOUCHPOINT_TWILIO_AUTH_TOKEN=bench-token \
TOUCHPOINT_TWILIO_SMS_FROM=+15550000000 TOUCHPOINT_TWILIO_API_BASE_URL=http://localhost:$WM_PORT \
nohup "${skewed[@]}" java -Xmx1g -jar "$APP_JAR" > "$WORK/node-$name.log" 2>&1 &
echo $! > "$WORK/node-$name.pid"
for _ in $(seq 240); do curl -sf -o /dev/null "localhost:$port/actuator/health" && break; sleep 0.5; done
echo "node $name on port $port: $(curl -s "localhost:$port/actuator/health")"

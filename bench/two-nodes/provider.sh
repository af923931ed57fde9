#!/usr/bin/env bash
# WireMock standalone as Twilio: a POST to Messages.json answers 201 after $1 ms (default 200); the tests' Twilio fake
# (connectors' test classes) keeps the messages and serves Twilio's Messages list, which a node that takes over asks,
# after $2 ms (default 0).
set -euo pipefail
source "$(dirname "$0")/env.sh"
delay=${1:-200}
list_delay=${2:-0}
pkill -f "wiremock.Run --port $WM_PORT" && sleep 1 || true
nohup java -Xmx1g -cp "$WM_JAR:$REPO/connectors/target/test-classes" wiremock.Run --port "$WM_PORT" \
  --extensions io.touchpoint.testapp.TwilioMessagesFake --container-threads 400 --async-response-enabled true \
  --async-response-threads 64 --max-request-journal-entries 100000 --disable-banner > "$WORK/provider.log" 2>&1 &
for _ in $(seq 60); do curl -sf "localhost:$WM_PORT/__admin/health" >/dev/null && break; sleep 0.5; done
messages='"urlPathPattern":"/2010-04-01/Accounts/[A-Za-z0-9]+/Messages.json"'
curl -sf -X POST "localhost:$WM_PORT/__admin/mappings" -d '{"request":{"method":"POST",'"$messages"'},
  "response":{"fixedDelayMilliseconds":'"$delay"',"transformers":["twilio-messages"]}}' >/dev/null
curl -sf -X POST "localhost:$WM_PORT/__admin/mappings" -d '{"request":{"method":"GET",'"$messages"'},
  "response":{"fixedDelayMilliseconds":'"$list_delay"',"transformers":["twilio-messages"]}}' >/dev/null
echo "Twilio stand-in on port $WM_PORT, answering in $delay ms, its Messages list in $list_delay ms"

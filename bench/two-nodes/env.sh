# Settings shared by the two-node rehearsal's scripts (see README.md here). Override any of them in the environment.
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${WORK:-$REPO/bench/target/two-nodes}
PGBIN=${PGBIN:-$(dirname "$(readlink -f "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")")}
PGPORT=${PGPORT:-55432}
WM_PORT=${WM_PORT:-58080}
WM_JAR=${WM_JAR:-$HOME/.m2/repository/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar}
APP_JAR=${APP_JAR:-$(ls "$REPO"/app/target/touchpoint-app-*.jar | head -1)}
mkdir -p "$WORK"

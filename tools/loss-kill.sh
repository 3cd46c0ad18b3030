#!/usr/bin/env bash
# What a crash loses: sends numbered lines to a fresh platform, kills it with kill -9 while the
# lines flow, starts it again on the same data, and counts by number which lines became events
# (tools/loadgen LossMeter, reading the event archive). Prints the meter's report.
#
#   tools/loss-kill.sh [--target tcp://127.0.0.1:5514|udp://127.0.0.1:5514] [--lines N] [--rate R]
#                      [--kill-after SECONDS]
#
# Needs the distribution built (./yagura start once, or mvn install -DskipTests) and nothing else
# listening on Yagura's ports. The platform runs from a temporary directory, removed at the end.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="0.1.0-SNAPSHOT"
DIST_TGZ="$HERE/karaf-assembly/target/yagura-karaf-assembly-$VERSION.tar.gz"
METER_JAR="$HERE/tools/loadgen/target/yagura-loadgen.jar"
TARGET="tcp://127.0.0.1:5514"; LINES=600000; RATE=10000; KILL_AFTER=20
while [ $# -gt 0 ]; do
  case "$1" in
    --target) TARGET="$2"; shift 2 ;;
    --lines) LINES="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --kill-after) KILL_AFTER="$2"; shift 2 ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
for f in "$DIST_TGZ" "$METER_JAR"; do
  [ -f "$f" ] || { echo "missing $f: build first (mvn -B install -DskipTests)" >&2; exit 1; }
done
if (exec 3<>/dev/tcp/127.0.0.1/5514) 2>/dev/null; then
  echo "something already listens on 127.0.0.1:5514: stop it first (./yagura stop)" >&2; exit 1
fi
: "${JAVA_HOME:=/usr/lib/jvm/java-17-openjdk-amd64}"; export JAVA_HOME

RUN_DIR="$(mktemp -d /tmp/yagura-loss.XXXXXX)"
tar xzf "$DIST_TGZ" -C "$RUN_DIR" --strip-components=1
KARAF_PID=""
# bin/karaf is a script that runs java as its child: kill the JVM of this directory itself.
kill_platform() {
  pkill -9 -f -- "-Dkaraf.home=$RUN_DIR" 2>/dev/null || true
  [ -n "$KARAF_PID" ] && wait "$KARAF_PID" 2>/dev/null || true
}
cleanup() {
  kill_platform
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

start_platform() {
  (cd "$RUN_DIR" && exec bin/karaf server >>"$RUN_DIR/karaf.out" 2>&1) &
  KARAF_PID=$!
}
meter() {
  "$JAVA_HOME/bin/java" -cp "$METER_JAR" io.yagura.loadgen.LossMeter --archive "$RUN_DIR/data/yagura/archive" "$@"
}

start_platform
echo "platform starting from $RUN_DIR (pid $KARAF_PID); waiting until a warm-up line is archived"
until meter --target "$TARGET" --lines 1 --rate 0 --run "warm$RANDOM" --settle-seconds 5 --max-wait-seconds 10 \
      >/dev/null 2>&1; do
  kill -0 "$KARAF_PID" 2>/dev/null || { echo "the platform did not start: $RUN_DIR/karaf.out" >&2; tail -20 "$RUN_DIR/karaf.out"; exit 1; }
done

RUN="loss$RANDOM"
meter --target "$TARGET" --lines "$LINES" --rate "$RATE" --run "$RUN" --settle-seconds 60 &
METER_PID=$!
sleep "$KILL_AFTER"
echo "$(date -u +%T) kill -9 of the platform's JVM after ${KILL_AFTER} s of sending"
kill_platform
start_platform
echo "$(date -u +%T) restarted (pid $KARAF_PID)"
wait "$METER_PID" && status=0 || status=$?
exit $status

#!/usr/bin/env bash
# What a crash loses: sends numbered lines to a fresh platform, kills it with kill -9 while the
# lines flow, starts it again on the same data, and counts by number which lines became events
# (tools/loadgen LossMeter, reading the event archive). Prints the meter's report.
#
#   tools/loss-kill.sh [--target tcp://127.0.0.1:5514|udp://127.0.0.1:5514] [--lines N] [--rate R]
#                      [--kill-after SECONDS]
#
# Needs the distribution built (mvn -B install -DskipTests) and nothing else listening on
# Yagura's ports. The platform runs from a temporary directory, removed at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/platform.sh"
TARGET="tcp://127.0.0.1:5514"; LINES=600000; RATE=10000; KILL_AFTER=20
while [ $# -gt 0 ]; do
  case "$1" in
    --target) TARGET="$2"; shift 2 ;;
    --lines) LINES="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --kill-after) KILL_AFTER="$2"; shift 2 ;;
    *) usage; exit 2 ;;
  esac
done
platform_prepare
platform_start
echo "platform starting from $RUN_DIR; waiting until a warm-up line is archived"
platform_wait_ready "$TARGET"

meter --target "$TARGET" --lines "$LINES" --rate "$RATE" --run "loss$RANDOM" --settle-seconds 60 &
METER_PID=$!
sleep "$KILL_AFTER"
echo "$(date -u +%T) kill -9 of the platform's JVM after ${KILL_AFTER} s of sending"
platform_kill
platform_start
echo "$(date -u +%T) restarted"
wait "$METER_PID" && status=0 || status=$?
exit $status

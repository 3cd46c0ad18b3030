#!/usr/bin/env bash
# Line sent -> incident stored and announced, at a given rate, on a fresh platform: the load
# generator sends RATE lines/s over TCP for LINES lines, ATTACKS of them IPS alerts from distinct
# attackers, and prints p50/p95/p99/max of the time to each attacker's incident announcement.
#
#   tools/latency.sh [--rate 10000] [--lines 600000] [--attacks 200] [--warmup-seconds 60] [--smtp-port 2525]
#
# A platform runs for weeks: before the measured load, the same background load is sent for
# --warmup-seconds (no attacks) so that the JIT has compiled the hot paths, as on a running node,
# and the pipeline is drained (a marker line archived) before measuring. --warmup-seconds 0
# measures a cold platform.
#
# Extra options go to the load generator (see java -jar tools/loadgen/target/yagura-loadgen.jar --help).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/platform.sh"
RATE=10000; LINES=600000; ATTACKS=200; WARMUP=60; EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --lines) LINES="$2"; shift 2 ;;
    --attacks) ATTACKS="$2"; shift 2 ;;
    --warmup-seconds) WARMUP="$2"; shift 2 ;;
    *) EXTRA+=("$1"); shift ;;
  esac
done
platform_prepare
platform_start
echo "platform starting from $RUN_DIR; waiting until a warm-up line is archived"
platform_wait_ready
if [ "$WARMUP" -gt 0 ]; then
  echo "warm-up: $((RATE * WARMUP)) background lines at $RATE lines/s, then until the pipeline is drained"
  "$JAVA_HOME/bin/java" -jar "$LOADGEN_JAR" --lines "$((RATE * WARMUP))" --rate "$RATE" --connections 1 \
    --no-count --drain-seconds 0 >/dev/null
  platform_wait_ready
fi
"$JAVA_HOME/bin/java" -jar "$LOADGEN_JAR" --lines "$LINES" --rate "$RATE" --connections 1 \
  --attacks "$ATTACKS" --no-count --drain-seconds 60 "${EXTRA[@]}"

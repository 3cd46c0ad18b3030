#!/usr/bin/env bash
# Does a bare JMS client lose messages when the broker is killed under a transacted relay? The
# loss meter's broker kill (tools/loss-kill-relp.sh --fault broker) lost one broker message whose
# consuming transaction was in doubt at the kill; this takes Camel and Spring out of the picture.
# A standalone Artemis 2.40 on 127.0.0.1:61816 with Yagura's yagura.# address settings (5 delivery
# attempts, then yagura.deadletter) gets --count numbered persistent messages on yagura.check.a
# (BrokerRelayCheck fill: 7 KiB bodies, every 4th 260 KiB, a large message). BrokerRelayCheck relay
# then does what a plugin route does, with 4 threads: in one local transaction, receive from
# yagura.check.a, send to yagura.check.b, commit; on an error, close, wait 1 s and reconnect.
# While it runs the broker's JVM is killed with kill -9 --rounds times, each --kill-after s after
# the relay (re)started, and started again on the same journal after --down-seconds. Once the
# relay has emptied yagura.check.a, BrokerRelayCheck count drains yagura.check.b and browses
# yagura.check.a and yagura.deadletter: a number in none of them is lost (exit status 1).
# Printed: the relay's errors, the broker's WARN/ERROR lines (AMQ142015, AMQ221019, ...) and the count.
# --to yagura.events relays to the events queue instead, whose divert (Yagura's yagura-archive,
# not exclusive) copies every message to yagura.archive in the same transaction, as on the
# platform; both are then counted.
#
#   tools/broker-relay-kill.sh [--protocol amqp|core] [--count 20000] [--kill-after 5]
#                              [--down-seconds 5] [--rounds 3] [--to yagura.check.b|yagura.events]
#                              [--port 61816]
#
# --protocol amqp: the Qpid JMS client (amqp://127.0.0.1:PORT), as Yagura's routes use it; core:
# Artemis's own JMS client (tcp://127.0.0.1:PORT). Needs tools/loadgen built
# (mvn -B install -pl tools/loadgen), the distribution tarball (karaf-assembly, for its etc/artemis.xml)
# and the Artemis 2.40 tarball in ~/.m2. The broker runs from a temporary directory, removed at
# the end unless a number was lost (then kept, with its journal) or KEEP_RUN_DIR=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/platform.sh"
A=yagura.check.a; B=yagura.check.b; PROTOCOL=amqp; COUNT=20000; KILL_AFTER=5; DOWN_SECONDS=5; ROUNDS=3; PORT=61816; UNTIL_EMPTY=20
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --protocol) PROTOCOL="$2"; shift 2 ;;
    --count) COUNT="$2"; shift 2 ;;
    --kill-after) KILL_AFTER="$2"; shift 2 ;;
    --down-seconds) DOWN_SECONDS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --to) B="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage; exit 2 ;;
  esac
done
case "$PROTOCOL" in
  amqp) URL="amqp://127.0.0.1:$PORT" ;;
  core) URL="tcp://127.0.0.1:$PORT" ;;
  *) echo "--protocol amqp or core, not '$PROTOCOL'" >&2; exit 2 ;;
esac
[ -f "$LOADGEN_JAR" ] || { echo "missing $LOADGEN_JAR: build first (mvn -B install -pl tools/loadgen)" >&2; exit 1; }
[ -f "$DIST_TGZ" ] || { echo "missing $DIST_TGZ: build the distribution first" >&2; exit 1; }
COPY=()
[ "$B" = yagura.events ] && COPY=(--copy yagura.archive)

check() { "$JAVA_HOME/bin/java" -cp "$LOADGEN_JAR" io.yagura.loadgen.BrokerRelayCheck "$1" --protocol "$PROTOCOL" --url "$URL" "${@:2}"; }

echo "# tools/broker-relay-kill.sh $ARGS (--protocol $PROTOCOL --count $COUNT --kill-after $KILL_AFTER --down-seconds $DOWN_SECONDS --rounds $ROUNDS --to $B)"
echo "# commit $(git -C "$HERE" rev-parse --short HEAD), $(date -u '+%F %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

broker_prepare "$PORT"
broker_start
say "standalone Artemis 2.40 on 127.0.0.1:$PORT (pid $BROKER_PID), run directory $RUN_ROOT"
check fill --queue "$A" --count "$COUNT" | sed "s/^/  /"
say "filled $A with $COUNT messages; starting the relay $A -> $B ($PROTOCOL, 4 threads)"

check relay --from "$A" --to "$B" --threads 4 --until-empty-seconds "$UNTIL_EMPTY" >"$RUN_ROOT/relay.txt" 2>&1 &
RELAY_PID=$!
platform_track "$RELAY_PID"
for round in $(seq "$ROUNDS"); do
  sleep "$KILL_AFTER"
  kill -0 "$RELAY_PID" 2>/dev/null || say "WARNING: the relay ended before kill $round: this kill is not under load"
  say "kill $round: kill -9 of the broker (pid $BROKER_PID) after $KILL_AFTER s of relaying; $(grep -c ' failed: ' "$RUN_ROOT/relay.txt" || true) relay errors so far"
  broker_kill
  echo "=== $(date -u +%T) kill $round (tools/broker-relay-kill.sh) ===" >>"$RUN_ROOT/broker/artemis.out"
  sleep "$DOWN_SECONDS"
  broker_start
  say "broker started again after $DOWN_SECONDS s down (pid $BROKER_PID)"
done
wait "$RELAY_PID" || true
say "relay done"

echo
echo "== relay (errors; failed reconnects while the broker was down counted, not shown) =="
grep -v -e ' connect failed: ' -e ' connected again$' "$RUN_ROOT/relay.txt" || true
echo "  $(grep -c ' connect failed: ' "$RUN_ROOT/relay.txt" || true) failed connects, $(grep -c ' connected again$' "$RUN_ROOT/relay.txt" || true) reconnects"
echo
echo "== broker WARN/ERROR lines and unreferenced-message deletions (count, line without its time) =="
grep -E -e ' (WARN|ERROR) ' -e 'AMQ221019' -e '^=== ' "$RUN_ROOT/broker/artemis.out" \
  | sed -E -e 's/^[0-9-]+ [0-9:,]+ //' -e 's/(id|ID)[ =:]*[0-9]+/\1=#/g' -e "s|$RUN_ROOT/||g" | uniq -c | cut -c1-400 || true
echo
echo "== count =="
check count --queue "$B" "${COPY[@]}" --from "$A" --expect "$COUNT" && status=0 || status=$?
if [ "$status" != 0 ]; then
  echo "raw broker log lines of the discarded transactions and deleted messages:"
  grep -E 'AMQ142015|AMQ221019' "$RUN_ROOT/broker/artemis.out" | sed "s|$RUN_ROOT/||g" | head -20 || true
  KEEP_RUN_DIR=1
fi
echo "# exit status $status"
exit "$status"

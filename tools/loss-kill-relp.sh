#!/usr/bin/env bash
# What a fault under load loses over RELP (issue 11): numbered lines from the loss meter go over
# plain TCP to rsyslog, which relays them over RELP (omrelp, the yagura-id=%uuid% template, window
# 1024, retrying for ever: tools/relp/rsyslog-omrelp.conf) to a fresh platform's RELP listener.
# While they flow, one fault (--fault):
#   platform: the platform's JVM (with its embedded broker) killed with kill -9, then started again
#             on the same data;
#   broker:   the platform on a standalone Artemis (127.0.0.1:61716); the broker's JVM killed with
#             kill -9, started again on the same journal after --down-seconds;
#   plugin:   the Cisco ASA plugin bundle (the lines' vendor) restarted from the console
#             (bin/client bundle:restart).
# The meter then counts by number, in the event archive, which lines became events: lost and
# duplicated numbers. The RELP listener's counters (duplicates it recognised) are printed at the end.
#
#   tools/loss-kill-relp.sh [--fault platform|broker|plugin] [--lines N] [--rate R]
#                           [--fault-after SECONDS] [--down-seconds SECONDS]
#
# Needs the distribution built (mvn -B install -DskipTests -pl tools/loadgen,features,karaf-assembly),
# rsyslog with omrelp (Debian: rsyslog rsyslog-relp), and nothing else on Yagura's ports. The
# platform runs from a temporary directory, removed at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/platform.sh"
FAULT=platform; LINES=300000; RATE=10000; FAULT_AFTER=15; DOWN_SECONDS=5
RELAY_AT=10514; BROKER_AT=61716; RELP_AT=2514
ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --fault) FAULT="$2"; shift 2 ;;
    --lines) LINES="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --fault-after) FAULT_AFTER="$2"; shift 2 ;;
    --down-seconds) DOWN_SECONDS="$2"; shift 2 ;;
    *) usage; exit 2 ;;
  esac
done
case "$FAULT" in platform|broker|plugin) ;; *) echo "--fault platform, broker or plugin, not '$FAULT'" >&2; exit 2 ;; esac

echo "# tools/loss-kill-relp.sh $ARGS (--fault $FAULT --lines $LINES --rate $RATE --fault-after $FAULT_AFTER)"
echo "# commit $(git -C "$HERE" rev-parse --short HEAD), $(date -u '+%F %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

platform_prepare
if [ "$FAULT" = broker ]; then
  broker_prepare "$BROKER_AT"
  broker_start
  node_use_external_broker main "amqp://127.0.0.1:$BROKER_AT"
  say "standalone Artemis on 127.0.0.1:$BROKER_AT (pid $BROKER_PID)"
fi
relay_start "$RELAY_AT" "$(relay_action "$RELP_AT")"
platform_start
say "platform starting from $RUN_DIR; waiting until a warm-up line relayed by rsyslog over RELP is archived"
platform_wait_ready "tcp://127.0.0.1:$RELAY_AT"
say "platform ready"

if [ "$FAULT" = plugin ]; then
  PLUGIN_BUNDLE="$(node_console main "bundle:list -s -t 0 --no-format" | grep -E 'cisco-asa' | awk '{print $1}' | head -1)"
  [ -n "$PLUGIN_BUNDLE" ] || { echo "no Cisco ASA plugin bundle in bundle:list" >&2; exit 1; }
  say "the Cisco ASA plugin is bundle $PLUGIN_BUNDLE"
fi

RUN="relp$(date -u +%H%M%S)"
meter --target "tcp://127.0.0.1:$RELAY_AT" --lines "$LINES" --rate "$RATE" --run "$RUN" --settle-seconds 180 \
  >"$RUN_ROOT/meter.txt" 2>&1 &
METER_PID=$!
platform_track "$METER_PID"
say "sending $LINES numbered lines at $RATE lines/s to rsyslog (127.0.0.1:$RELAY_AT), relayed over RELP to :$RELP_AT"
sleep "$FAULT_AFTER"
case "$FAULT" in
  platform)
    say "kill -9 of the platform's JVM after $FAULT_AFTER s of sending"
    platform_kill
    platform_start
    say "platform started again"
    ;;
  broker)
    say "kill -9 of the standalone Artemis after $FAULT_AFTER s of sending"
    broker_kill
    sleep "$DOWN_SECONDS"
    broker_start
    say "Artemis started again after $DOWN_SECONDS s down (pid $BROKER_PID)"
    ;;
  plugin)
    say "bundle:restart $PLUGIN_BUNDLE (Cisco ASA plugin) after $FAULT_AFTER s of sending"
    node_console main "bundle:restart $PLUGIN_BUNDLE"
    say "bundle:restart returned; state: $(node_console main "bundle:list -s -t 0 --no-format" | grep -E 'cisco-asa' | head -1)"
    ;;
esac
wait "$METER_PID" && status=0 || status=$?
say "meter done"
echo
sed "s|$RUN_ROOT/||g" "$RUN_ROOT/meter.txt"
echo
echo "== RELP listener counters (yagura:counters listener, since the platform's last start) =="
node_console main "yagura:counters listener" >"$RUN_ROOT/counters.txt" 2>&1 || true
grep -iE 'relp|Metric' "$RUN_ROOT/counters.txt" || { echo "(no RELP line; the console said:)"; tail -5 "$RUN_ROOT/counters.txt"; }
echo "== rsyslog's own messages (count, message) =="
sed 's/\[v8[^]]*\]//' "$RUN_ROOT/rsyslog/rsyslogd.out" | sort | uniq -c | sort -rn | head -10 || true
echo "# exit status $status"
exit $status
